// What happened to webhooks (disabled, enabled, failing, recovered, dead letters), as the operational events API
// lists them, newest first.
import { get, enc, query } from './api.js';
import { h, fill, time } from './dom.js';

const TONE = {
  'webhook.disabled': 'bad', 'webhook.failing': 'bad', 'delivery.dead_lettered': 'warn',
  'webhook.enabled': 'ok', 'webhook.recovered': 'ok',
};

const DISABLED_BECAUSE = {
  endpoint_failing: 'every attempt failed for too long',
  endpoint_gone: 'the endpoint answered 410 Gone',
  fifo_delivery_failed: 'a FIFO delivery kept failing',
  fifo_backlog_full: 'a FIFO webhook held too many deliveries',
  api: 'through the API or the console',
};

/**
 * "Disabled: every attempt failed for too long" and the like, as parts for `h` and `fill`: texts and, for the
 * times, `<time>` elements (a template literal would print one as "[object HTMLTimeElement]").
 */
export function operationalSentence(event) {
  const d = event.data || {};
  switch (event.event) {
    case 'webhook.disabled': return [`Disabled: ${DISABLED_BECAUSE[d.reason] || d.reason}`];
    case 'webhook.enabled': return ['Enabled again'];
    case 'webhook.failing':
      return ['Failing since ', time(d.failingSince), `: ${d.failures} failed attempts`
        + (d.lastStatus ? `, last HTTP ${d.lastStatus}` : '') + (d.lastError ? ` (${d.lastError})` : '')];
    case 'webhook.recovered': return [`Recovered after ${d.failures} failed attempts since `, time(d.failingSince)];
    case 'delivery.dead_lettered':
      return [`${d.count} dead-lettered between `, time(d.from), ' and ', time(d.to), ': '
        + Object.entries(d.reasons || {}).map(([reason, n]) => `${n} ${reason}`).join(', ')];
    default: return [];
  }
}

/**
 * A section listing the operational events of a webhook (`{ webhookId }`) or of a workspace (`{ workspaceId }`),
 * with a link to each webhook when it lists a workspace's.
 */
export function operationalEventsSection(filter) {
  const element = h('div', { id: 'operational-events', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const load = async () => {
    let events;
    try {
      events = (await get(`/v1/operational-events${query({ ...filter, limit: 50 })}`)).data;
    } catch (e) {
      fill(element, h('p', { class: 'notice bad', role: 'alert' }, `Could not list the events: ${e.message}`));
      return;
    }
    if (events.length === 0) {
      fill(element, h('p', {}, 'Nothing to report: no webhook disabled, failing or dead-lettering lately.'));
      return;
    }
    fill(element, h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, `Latest operational events (${events.length})`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Time'),
        h('th', { scope: 'col' }, 'Event'),
        filter.workspaceId ? h('th', { scope: 'col' }, 'Webhook') : null,
        h('th', { scope: 'col' }, 'What happened'))),
      h('tbody', {}, events.map((event) => h('tr', {},
        h('td', {}, time(event.timestamp)),
        h('td', {}, h('span', { class: `badge ${TONE[event.event] || 'neutral'}` }, event.event)),
        filter.workspaceId
          ? h('td', {}, h('a', { href: `#/webhooks/${enc(event.webhookId)}`, class: 'mono' }, event.webhookId))
          : null,
        h('td', {}, operationalSentence(event))))))));
  };
  return { element, load };
}
