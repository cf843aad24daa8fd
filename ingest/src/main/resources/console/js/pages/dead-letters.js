import { get, post, enc, query } from '../api.js';
import { h, add, fill, time, announce, busy, askToConfirm } from '../dom.js';
import { ownWorkspace, can } from '../caller.js';

const REASONS = ['retries_exhausted', 'webhook_disabled', 'endpoint_gone', 'endpoint_refused', 'unreadable_delivery',
  'expired', 'fifo_backlog_full', 'internal_error'];
const FILTER_NAMES = { workspaceId: 'workspace', webhookId: 'webhook', event: 'event', reason: 'reason',
  from: 'dead-lettered from', to: 'until' };

/**
 * What sits in the dead-letter topic, filtered; a dry run counts what a replay would do, and a replay does it. A
 * workspace token sees its own workspace's dead letters, and replays them if it may.
 */
export async function deadLettersPage(main, { params }) {
  const input = (id, label, type = 'text', hint) => {
    const control = h('input', { id, name: id, type, value: params.get(id) || '', autocomplete: 'off',
      'aria-describedby': hint ? `${id}-hint` : null });
    return [control, h('div', { class: 'field' }, h('label', { for: id }, label), control,
      hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null)];
  };
  const own = ownWorkspace();
  const [workspaceId, workspaceField] = input('workspaceId', 'Workspace', 'text', 'Leave empty for every workspace');
  const [webhookId, webhookField] = input('webhookId', 'Webhook ID');
  const [event, eventField] = input('event', 'Event', 'text', 'A type, a family such as task.*, or *');
  const reason = h('select', { id: 'reason', name: 'reason' }, h('option', { value: '' }, 'Any reason'),
    REASONS.map((r) => h('option', { value: r, selected: params.get('reason') === r }, r)));
  const [from, fromField] = input('from', 'Dead-lettered from', 'datetime-local');
  const [to, toField] = input('to', 'until', 'datetime-local');
  const filters = () => ({
    workspaceId: own || workspaceId.value.trim(),
    webhookId: webhookId.value.trim(),
    event: event.value.trim(),
    reason: reason.value,
    from: from.value ? new Date(from.value).toISOString() : '',
    to: to.value ? new Date(to.value).toISOString() : '',
  });
  const form = h('form', { class: 'inline', 'aria-label': 'Dead-letter filters' },
    own ? null : workspaceField, webhookField, eventField,
    h('div', { class: 'field' }, h('label', { for: 'reason' }, 'Reason'), reason),
    fromField, toField,
    h('button', { type: 'submit' }, 'Show dead letters'));
  // The page is drawn anew for each submitted form, so these are the filters of the list on screen: the replay uses
  // them, never the form as edited since, which the admin has not seen the matches of.
  const shown = Object.fromEntries(Object.entries(filters()).filter(([, value]) => value));

  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const list = h('div', { id: 'dead-letters' });
  const more = h('div');
  const replayResult = h('div', { id: 'replay-result', role: 'status', 'aria-live': 'polite' });
  const dryRun = h('button', { type: 'button', class: 'secondary', id: 'dry-run' }, 'Count matches (dry run)');
  const replay = h('button', { type: 'button', id: 'replay', 'aria-expanded': 'false' }, 'Replay matching dead letters…');
  const confirmPanel = h('div', { id: 'replay-confirm', class: 'panel', hidden: true });
  const entries = [];

  const load = async (cursor) => {
    try {
      const page = await get(`/v1/dead-letters${query({ ...shown, cursor, limit: 100 })}`);
      if (!cursor) entries.length = 0;
      entries.push(...page.data);
      fill(list, entries.length ? table(entries) : h('p', {}, 'No dead letter matches.'));
      fill(more, page.hasMore ? h('button', { type: 'button', class: 'secondary',
        onclick: (e) => busy(e.target, () => load(page.nextCursor)) }, 'Load more') : null);
      announce(status, `${entries.length} dead letter${entries.length === 1 ? '' : 's'} shown${page.hasMore ? ', more to load' : ''}.`);
    } catch (e) {
      announce(status, e.message, 'bad');
    }
  };
  const runReplay = (button, isDryRun) => busy(button, async () => {
    announce(replayResult, isDryRun ? 'Counting…' : 'Replaying…');
    const body = { ...shown, dryRun: isDryRun };
    try {
      const report = await post('/v1/dead-letters/replay', body);
      fill(replayResult, reportOf(isDryRun, report));
      replayResult.className = 'notice ok';
      if (!isDryRun) await load();
    } catch (e) {
      announce(replayResult, `The replay failed: ${e.message}`, 'bad');
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const { workspaceId: workspace, ...rest } = filters();
    location.hash = `#/dead-letters${query(own ? rest : { workspaceId: workspace, ...rest })}`;
  });
  dryRun.addEventListener('click', () => runReplay(dryRun, true));
  replay.addEventListener('click', () => {
    const confirm = h('button', { type: 'button', class: 'danger', id: 'replay-confirmed' }, 'Replay them');
    askToConfirm(replay, confirmPanel, replayQuestion(shown, entries.length), confirm, (close) => {
      close();
      runReplay(replay, false);
    });
  });

  add(main, h('h1', {}, 'Dead letters'),
    h('p', { class: 'lead' }, 'Deliveries that failed for good, oldest first. Fix the endpoint or enable the webhook, '
      + 'then replay them: each is re-delivered once, with fresh attempts.'),
    form, status, list, more,
    can('replay') ? [h('h2', {}, 'Replay'),
      h('p', { class: 'hint' }, 'Uses the filters of the list shown. Dead letters of a disabled or deleted webhook, or of one now in another workspace, are skipped.'),
      h('div', { class: 'actions' }, dryRun, replay), confirmPanel, replayResult] : null);
  await load();
}

/** What the admin confirms: the filters the replay uses, and a warning when it reaches every workspace. */
function replayQuestion(shown, listed) {
  const named = Object.entries(shown).map(([name, value]) => `${FILTER_NAMES[name]} ${value}`);
  return [
    h('p', {}, named.length
      ? `Replay every dead letter matching these ${named.length} filter${named.length === 1 ? '' : 's'}: ${named.join(', ')}?`
      : 'Replay every dead letter, with no filter at all?',
    ` The list shows ${listed} of them; each is re-delivered once.`),
    shown.workspaceId ? null
      : h('p', { class: 'notice bad' }, 'No workspace is set: this replays the matching dead letters of every workspace.'),
  ];
}

function reportOf(isDryRun, report) {
  const skipped = Object.entries(report.skipped || {}).map(([why, n]) => `${n} ${why}`).join(', ') || 'none';
  return [h('p', {}, isDryRun
    ? `Dry run: ${report.matched} match; ${report.replayed} would be replayed.`
    : `Replayed ${report.replayed} of ${report.matched} matching dead letters.`),
  h('dl', { class: 'facts' },
    h('dt', {}, 'Matched'), h('dd', { id: 'replay-matched' }, String(report.matched)),
    h('dt', {}, isDryRun ? 'Would replay' : 'Replayed'), h('dd', { id: 'replay-replayed' }, String(report.replayed)),
    h('dt', {}, 'Already replayed'), h('dd', {}, String(report.alreadyReplayed)),
    h('dt', {}, 'Skipped'), h('dd', {}, skipped)),
  report.hasMore ? h('p', {}, 'More remain: run it again for the rest.') : null];
}

function table(entries) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, `${entries.length} dead letter${entries.length === 1 ? '' : 's'}, oldest first`),
    h('thead', {}, h('tr', {},
      ['Dead-lettered', 'Webhook', 'Event', 'Reason', 'Attempts', 'Last attempt', 'Replayed']
        .map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, entries.map((entry) => h('tr', {},
      h('td', {}, time(entry.failedAt)),
      h('td', {}, h('a', { class: 'mono', href: `#/webhooks/${enc(entry.webhookId)}` }, entry.webhookId)),
      h('td', {}, entry.event ? [entry.event.event, h('br'), h('span', { class: 'hint mono' }, entry.event.id)] : 'unreadable'),
      h('td', {}, entry.reason),
      h('td', { class: 'num' }, String(entry.attempts)),
      h('td', {}, [entry.lastStatus ? `HTTP ${entry.lastStatus}` : null, entry.lastError]
        .filter(Boolean).join(': ') || '—'),
      h('td', {}, entry.replayedAt ? time(entry.replayedAt) : 'no'))))));
}
