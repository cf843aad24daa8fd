// A table of delivery attempts, newest first, as the history API returns them.
import { h, time, ms } from './dom.js';

export function outcomeBadge(outcome) {
  const tone = { delivered: 'ok', failed: 'bad', gone: 'bad', refused: 'warn' }[outcome] || 'neutral';
  return h('span', { class: `badge ${tone}` }, outcome);
}

/** "Delivered: HTTP 200 in 12 ms" */
export function attemptSentence(attempt) {
  const outcome = attempt.outcome.charAt(0).toUpperCase() + attempt.outcome.slice(1);
  const status = attempt.status ? `HTTP ${attempt.status}` : 'no response';
  const error = attempt.error && attempt.outcome !== 'delivered' ? ` (${attempt.error})` : '';
  return `${outcome}: ${status} in ${attempt.latencyMs} ms${error}`;
}

export function attemptsTable(caption, attempts) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Time'),
      h('th', { scope: 'col' }, 'Event'),
      h('th', { scope: 'col' }, 'Attempt'),
      h('th', { scope: 'col' }, 'Outcome'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Latency'),
      h('th', { scope: 'col' }, 'Details'))),
    h('tbody', {}, attempts.map((attempt) => h('tr', {},
      h('td', {}, time(attempt.attemptedAt)),
      h('td', {}, attempt.eventType, h('br'), h('span', { class: 'hint mono' }, attempt.eventId)),
      h('td', { class: 'num' }, attempt.replayOf ? `${attempt.attempt} (replay)` : String(attempt.attempt)),
      h('td', {}, outcomeBadge(attempt.outcome)),
      h('td', { class: 'num' }, attempt.status ? String(attempt.status) : '—'),
      h('td', { class: 'num' }, ms(attempt.latencyMs)),
      h('td', {}, details(attempt)))))));
}

function details(attempt) {
  const parts = [];
  if (attempt.error) parts.push(h('p', { class: 'hint' }, attempt.error));
  if (attempt.responseBody) {
    parts.push(h('details', {}, h('summary', {}, 'Response body'), h('pre', {}, attempt.responseBody)));
  }
  return parts.length ? parts : '—';
}
