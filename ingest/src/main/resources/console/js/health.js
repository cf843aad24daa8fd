// A webhook's health in words (never by colour alone), as the API judges it from its state and its last hour.
import { h, ago } from './dom.js';

const HEALTH = {
  failing: ['Failing', 'bad'],
  disabled: ['Disabled', 'neutral'],
  degraded: ['Degraded', 'warn'],
  no_attempts: ['No attempts yet', 'neutral'],
  healthy: ['Healthy', 'ok'],
};

/** A badge for a health code of the API (failing, disabled, degraded, no_attempts, healthy). */
export function healthBadgeOf(code) {
  const [label, tone] = HEALTH[code] || [code, 'neutral'];
  return h('span', { class: `badge ${tone}` }, label);
}

/** The badge of a webhook's statistics (GET /v1/webhooks/{id}/stats). */
export function healthBadge(stats) {
  return healthBadgeOf(stats.health);
}

/** "delivered · HTTP 200 · 12 ms · 3 min ago" */
export function lastAttemptSummary(attempt) {
  if (!attempt) return 'No attempt in the history';
  const parts = [attempt.outcome];
  if (attempt.status) parts.push(`HTTP ${attempt.status}`);
  else if (attempt.error) parts.push(attempt.error);
  parts.push(`${attempt.latencyMs} ms`, ago(attempt.attemptedAt));
  return parts.join(' · ');
}
