// A webhook's health in words (never by colour alone), from its state and its last hour of attempts.
import { h, ago } from './dom.js';

export function health(webhook, stats) {
  if (!webhook.enabled) return { label: 'Disabled', tone: 'neutral' };
  const last = stats && stats.lastAttempt;
  if (!last) return { label: 'No attempts yet', tone: 'neutral' };
  if (last.outcome !== 'delivered') return { label: 'Failing', tone: 'bad' };
  if (stats.successRate !== null && stats.successRate < 0.95) return { label: 'Degraded', tone: 'warn' };
  return { label: 'Healthy', tone: 'ok' };
}

export function healthBadge(webhook, stats) {
  const { label, tone } = health(webhook, stats);
  return h('span', { class: `badge ${tone}` }, label);
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
