import { get, enc, query } from '../api.js';
import { h, fill, percent, announce } from '../dom.js';
import { healthBadgeOf, lastAttemptSummary } from '../health.js';

const LIMIT = 100;

/** The admin's view across workspaces: failing and disabled webhooks first, then each workspace's counts. */
export async function overviewPage(main) {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const totals = h('ul', { class: 'stats', id: 'totals' });
  const webhooks = h('div', { id: 'attention' });
  const workspaces = h('div', { id: 'workspaces' });
  main.append(h('h1', {}, 'Overview'),
    h('p', { class: 'lead' }, 'Every workspace\'s webhooks, those that need attention first: failing, then disabled, '
      + 'then degraded.'),
    status, totals, h('h2', {}, 'Webhooks'), webhooks, h('h2', {}, 'Workspaces'), workspaces);
  let overview;
  try {
    overview = await get(`/v1/overview${query({ limit: LIMIT })}`);
  } catch (e) {
    announce(status, `The overview is unavailable: ${e.message}`, 'bad');
    return;
  }
  const t = overview.totals;
  fill(totals, [['Workspaces', t.workspaces], ['Webhooks', t.webhooks], ['Failing', t.failing],
    ['Disabled', t.disabled], ['Degraded', t.degraded], ['Healthy', t.healthy]]
    .map(([label, count]) => h('li', {}, label, h('strong', {}, String(count)))));
  fill(webhooks, overview.webhooks.length ? webhooksTable(overview.webhooks) : h('p', {}, 'No webhooks yet.'));
  fill(workspaces, overview.workspaces.length ? workspacesTable(overview.workspaces) : null);
  if (overview.hasMore) announce(status, `Showing the first ${LIMIT} of each list.`);
}

function webhooksTable(entries) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, `${entries.length} webhook${entries.length === 1 ? '' : 's'}, those needing attention first`),
    h('thead', {}, h('tr', {}, ['Health', 'Workspace', 'Endpoint', 'Last attempt', 'Success (1 h)']
      .map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, entries.map((webhook) => h('tr', {},
      h('td', {}, healthBadgeOf(webhook.health)),
      h('td', {}, h('a', { class: 'mono', href: `#/webhooks${query({ workspace: webhook.workspaceId })}` },
        webhook.workspaceId)),
      h('td', {}, h('a', { class: 'url', href: `#/webhooks/${enc(webhook.id)}` }, webhook.url),
        webhook.description ? h('div', { class: 'hint' }, webhook.description) : null),
      h('td', {}, lastAttemptSummary(webhook.lastAttempt)),
      h('td', { class: 'num' }, webhook.attempts ? `${percent(webhook.successRate)} of ${webhook.attempts}` : '—'))))));
}

function workspacesTable(entries) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, `${entries.length} workspace${entries.length === 1 ? '' : 's'}, those with failing webhooks first`),
    h('thead', {}, h('tr', {}, ['Workspace', 'Webhooks', 'Failing', 'Disabled', 'Degraded', 'Healthy']
      .map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, entries.map((workspace) => h('tr', {},
      h('td', {}, h('a', { class: 'mono', href: `#/webhooks${query({ workspace: workspace.workspaceId })}` },
        workspace.workspaceId)),
      ['webhooks', 'failing', 'disabled', 'degraded', 'healthy']
        .map((count) => h('td', { class: 'num' }, String(workspace[count]))))))));
}
