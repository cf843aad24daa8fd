import { get, enc, query } from '../api.js';
import { h, add, fill, percent, ms, announce, busy } from '../dom.js';
import { currentWorkspace, useWorkspace, recentWorkspaces } from '../workspaces.js';
import { healthBadge, lastAttemptSummary } from '../health.js';
import { takeFlash } from '../navigation.js';
import { operationalEventsSection } from '../operational-events.js';
import { ownWorkspace, can } from '../caller.js';

/** Webhooks listed at a time: each row asks for its own statistics, so a page bounds the requests it makes. */
const PAGE = 50;

/**
 * The webhooks of a workspace, with their health over the last hour, and what happened to them lately. The admin
 * picks the workspace; a workspace token sees its own, without a picker.
 */
export async function webhooksPage(main, { params }) {
  const own = ownWorkspace();
  const workspace = own || params.get('workspace') || currentWorkspace();
  const input = h('input', { id: 'workspace', name: 'workspace', type: 'text', value: workspace, required: true,
    list: 'recent-workspaces', autocomplete: 'off', 'aria-describedby': 'workspace-hint' });
  const picker = h('form', { class: 'inline', role: 'search', 'aria-label': 'Workspace' },
    h('div', { class: 'field' },
      h('label', { for: 'workspace' }, 'Workspace'),
      input,
      h('p', { id: 'workspace-hint', class: 'hint' }, 'The workspace id, such as ws_456.')),
    h('datalist', { id: 'recent-workspaces' }, recentWorkspaces().map((w) => h('option', { value: w }))),
    h('button', { type: 'submit' }, 'Show webhooks'));
  picker.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = input.value.trim();
    if (chosen) location.hash = `#/webhooks${query({ workspace: chosen })}`;
  });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const results = h('div');
  add(main, h('h1', {}, own ? `Webhooks of ${own}` : 'Webhooks'), status, own ? null : picker, results);
  const flashed = takeFlash();
  if (flashed) announce(status, flashed, 'ok');
  if (!workspace) {
    results.append(h('p', {}, 'Choose a workspace to see its webhooks.'));
    return;
  }
  if (!own) useWorkspace(workspace);
  const listed = (cursor) => get(`/v1/webhooks${query({ workspaceId: workspace, limit: PAGE, cursor })}`);
  let first;
  try {
    first = await listed();
  } catch (e) {
    announce(status, `Could not list the webhooks: ${e.message}`, 'bad');
    return;
  }
  const create = can('manage_webhooks')
    ? h('a', { class: 'button', href: `#/new-webhook${query({ workspace })}` }, 'New webhook') : null;
  const operations = operationalEventsSection({ workspaceId: workspace });
  if (first.data.length === 0) {
    fill(results, h('p', {}, `No webhooks in ${workspace} yet.`), create);
    return;
  }
  const caption = h('caption');
  const rows = h('tbody');
  const more = h('div');
  let shown = 0;
  const show = (page) => {
    add(rows, page.data.map(row));
    shown += page.data.length;
    fill(caption, `${shown} webhook${shown === 1 ? '' : 's'} of ${workspace}${page.hasMore ? ' shown, more to load' : ''}`);
    fill(more, page.hasMore ? h('button', { type: 'button', class: 'secondary', id: 'more-webhooks',
      onclick: (e) => busy(e.target, async () => {
        try {
          show(await listed(page.nextCursor));
        } catch (failure) {
          announce(status, `Could not list more webhooks: ${failure.message}`, 'bad');
        }
      }) }, 'Load more webhooks') : null);
  };
  show(first);
  fill(results,
    h('div', { class: 'table-wrap' }, h('table', { id: 'webhook-list' },
      caption,
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Endpoint'),
        h('th', { scope: 'col' }, 'Events'),
        h('th', { scope: 'col' }, 'State'),
        h('th', { scope: 'col' }, 'Health'),
        h('th', { scope: 'col' }, 'Success (1 h)'),
        h('th', { scope: 'col' }, 'Latency p50 / p99'))),
      rows)),
    more,
    create,
    h('h2', {}, `Operational events of ${workspace}`), operations.element);
  await operations.load();
}

/** A webhook's row; its health, success rate and latency fill in once its statistics arrive. */
function row(webhook) {
  const healthCell = h('td', {}, h('span', { class: 'muted' }, 'Loading…'));
  const rateCell = h('td', { class: 'num' }, '…');
  const latencyCell = h('td', { class: 'num' }, '…');
  get(`/v1/webhooks/${enc(webhook.id)}/stats`).then((stats) => {
    fill(healthCell, healthBadge(stats), h('br'),
      h('span', { class: 'hint' }, lastAttemptSummary(stats.lastAttempt)));
    fill(rateCell, stats.attempts ? `${percent(stats.successRate)} of ${stats.attempts}` : '—');
    fill(latencyCell, stats.attempts ? `${ms(stats.latencyMs.p50)} / ${ms(stats.latencyMs.p99)}` : '—');
  }, (e) => fill(healthCell, `Unknown (${e.message})`));
  return h('tr', {},
    h('td', {},
      h('a', { href: `#/webhooks/${enc(webhook.id)}`, class: 'url' }, webhook.url),
      webhook.description ? h('div', { class: 'hint' }, webhook.description) : null),
    h('td', {}, webhook.events.join(', ')),
    h('td', {}, webhook.enabled ? 'Enabled' : 'Disabled'),
    healthCell, rateCell, latencyCell);
}
