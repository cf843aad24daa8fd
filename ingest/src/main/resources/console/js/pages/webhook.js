import { get, post, put, del, enc, query, ifMatch } from '../api.js';
import { h, add, fill, time, percent, ms, announce, busy, askToConfirm } from '../dom.js';
import { healthBadge } from '../health.js';
import { attemptsTable, attemptSentence } from '../attempts.js';
import { navigate, flash, takeFlash } from '../navigation.js';
import { operationalEventsSection } from '../operational-events.js';
import { can } from '../caller.js';

const TEST_WAIT_MS = 30000;
const POLL_MS = 500;

/**
 * One webhook: its settings, its last hour, its operational events and its attempt history; and, for a token that
 * may manage webhooks, its actions, its secret and a test send.
 */
export async function webhookPage(main, { id }) {
  let webhook;
  try {
    webhook = await get(`/v1/webhooks/${enc(id)}`);
  } catch (e) {
    main.append(h('h1', {}, 'Webhook'), h('p', { class: 'notice bad', role: 'alert' }, e.message));
    return;
  }
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const flashed = takeFlash();
  if (flashed) announce(status, flashed, 'ok');
  const statsList = h('ul', { class: 'stats' });
  const history = historySection(webhook);
  const operations = operationalEventsSection({ webhookId: webhook.id });
  const refresh = async () => {
    await Promise.all([showStats(webhook, statsList), history.load(), operations.load()]);
  };

  add(main,
    h('p', {}, h('a', { href: `#/webhooks${query({ workspace: webhook.workspaceId })}` },
      `← Webhooks of ${webhook.workspaceId}`)),
    h('h1', {}, 'Webhook'),
    h('p', { class: 'lead url' }, webhook.url),
    status,
    facts(webhook),
    can('manage_webhooks') ? [actions(webhook, status),
      h('h2', {}, 'Signing secret'), secretSection(webhook),
      h('h2', {}, 'Send a test event'), testSection(webhook, refresh)] : null,
    h('h2', {}, 'Last hour'), statsList,
    h('h2', {}, 'Operational events'), operations.element,
    h('h2', {}, 'Attempt history'), history.element);
  await refresh();
}

function facts(webhook) {
  const headerNames = Object.keys(webhook.headers || {});
  return h('dl', { class: 'facts' },
    h('dt', {}, 'ID'), h('dd', { class: 'mono' }, webhook.id),
    h('dt', {}, 'Workspace'), h('dd', { class: 'mono' }, webhook.workspaceId),
    h('dt', {}, 'Description'), h('dd', {}, webhook.description || '—'),
    h('dt', {}, 'Event types'), h('dd', {}, webhook.events.join(', ')),
    h('dt', {}, 'Custom headers'),
    h('dd', {}, headerNames.length ? headerValues(webhook, headerNames) : 'none'),
    h('dt', {}, 'State'), h('dd', {}, state(webhook)),
    h('dt', {}, 'Rate limit'), h('dd', {}, webhook.rateLimitPerSecond ? `${webhook.rateLimitPerSecond} per second` : 'none'),
    h('dt', {}, 'Delivery order'), h('dd', {}, webhook.ordering === 'fifo'
      ? `FIFO, one at a time; a delivery that keeps failing ${webhook.onFailure === 'pause' ? 'pauses the webhook' : 'is dead-lettered'}`
      : 'as soon as possible'),
    h('dt', {}, 'Client certificate'), h('dd', {}, webhook.clientCertificate
      ? 'presented to the endpoint (mutual TLS); certificate and key hidden' : 'none'),
    h('dt', {}, 'OAuth 2.0'), h('dd', { id: 'oauth2-summary' }, webhook.oauth2
      ? `bearer token from ${webhook.oauth2.tokenUrl} for client ${webhook.oauth2.clientId}`
        + (webhook.oauth2.scope ? `, scope ${webhook.oauth2.scope}` : '') : 'none'),
    h('dt', {}, 'Created'), h('dd', {}, time(webhook.createdAt)),
    h('dt', {}, 'Updated'), h('dd', {}, time(webhook.updatedAt)));
}

const DISABLED_BECAUSE = {
  endpoint_failing: 'every attempt failed, without a success, for longer than the auto-disable period',
  endpoint_gone: 'the endpoint answered 410 Gone',
  fifo_delivery_failed: 'a delivery kept failing, and this FIFO webhook pauses then',
  fifo_backlog_full: 'more deliveries waited than it may hold, and this FIFO webhook pauses then',
};

function state(webhook) {
  if (webhook.enabled) return 'Enabled';
  const why = DISABLED_BECAUSE[webhook.disabledReason] || webhook.disabledReason;
  return why ? `Disabled: ${why}` : 'Disabled';
}

/** The header names; their values, which the API masks, revealed on demand like the secret. */
function headerValues(webhook, names) {
  const shown = h('div', { id: 'header-values', role: 'status', 'aria-live': 'polite' });
  const reveal = revealButton('header values', 'header-values', shown, async () => {
    const { headers } = await get(`/v1/webhooks/${enc(webhook.id)}/headers`);
    return h('dl', {}, Object.entries(headers).flatMap(([name, value]) =>
      [h('dt', { class: 'mono' }, name), h('dd', {}, h('code', { class: 'secret' }, value))]));
  });
  return can('manage_webhooks') ? [`${names.join(', ')} (values hidden) `, reveal, shown]
    : `${names.join(', ')} (values hidden)`;
}

/** A button that shows what `load` renders into `shown`, and hides it again. */
function revealButton(what, controls, shown, load) {
  const reveal = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': controls },
    `Reveal ${what}`);
  reveal.addEventListener('click', () => busy(reveal, async () => {
    if (reveal.getAttribute('aria-expanded') === 'true') {
      fill(shown);
      reveal.setAttribute('aria-expanded', 'false');
      reveal.textContent = `Reveal ${what}`;
      return;
    }
    try {
      fill(shown, await load());
      reveal.setAttribute('aria-expanded', 'true');
      reveal.textContent = `Hide ${what}`;
    } catch (e) {
      announce(shown, e.message, 'bad');
    }
  }));
  return reveal;
}

function actions(webhook, status) {
  const toggle = h('button', { type: 'button', class: 'secondary' }, webhook.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', () => busy(toggle, async () => {
    const { id, createdAt, updatedAt, version, disabledReason, retiringSecretsExpireAt, ...body } = webhook;
    try {
      await put(`/v1/webhooks/${enc(id)}`, { ...body, enabled: !webhook.enabled }, ifMatch(webhook));
      flash(webhook.enabled ? 'Webhook disabled: its deliveries now go to the dead letters.' : 'Webhook enabled.');
      navigate(`#/webhooks/${enc(id)}`);
    } catch (e) {
      announce(status, e.message, 'bad');
    }
  }));
  const confirmPanel = h('div', { class: 'panel', hidden: true });
  const remove = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Delete…');
  remove.addEventListener('click', () => {
    const confirm = h('button', { type: 'button', class: 'danger' }, 'Delete this webhook');
    askToConfirm(remove, confirmPanel,
      h('p', {}, 'Deleting stops its pending deliveries and retries. This cannot be undone.'), confirm,
      () => busy(confirm, async () => {
        try {
          await del(`/v1/webhooks/${enc(webhook.id)}`, ifMatch(webhook));
          flash(`Webhook ${webhook.id} deleted.`);
          navigate(`#/webhooks${query({ workspace: webhook.workspaceId })}`);
        } catch (e) {
          announce(status, e.message, 'bad');
        }
      }));
  });
  return [h('div', { class: 'actions' },
    h('a', { class: 'button', href: `#/webhooks/${enc(webhook.id)}/edit` }, 'Edit'), toggle, remove), confirmPanel];
}

function secretSection(webhook) {
  const shown = h('div', { role: 'status', 'aria-live': 'polite' });
  const reveal = revealButton('secret', 'secret-value', shown, async () => {
    const { secret } = await get(`/v1/webhooks/${enc(webhook.id)}/secret`);
    return h('p', {}, 'Signing secret: ', h('code', { id: 'secret-value', class: 'secret' }, secret));
  });
  const rotate = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Rotate secret…');
  const panel = h('div', { class: 'panel', hidden: true });
  rotate.addEventListener('click', () => {
    const confirm = h('button', { type: 'button' }, 'Rotate now');
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    confirm.addEventListener('click', () => busy(confirm, async () => {
      try {
        const rotated = await post(`/v1/webhooks/${enc(webhook.id)}/rotate-secret`, undefined, ifMatch(webhook));
        // The page now shows the rotated version: later actions on it apply to that one.
        webhook.version = rotated.version;
        const until = rotated.retiringSecretsExpireAt[rotated.retiringSecretsExpireAt.length - 1];
        panel.hidden = true;
        rotate.setAttribute('aria-expanded', 'false');
        fill(shown, h('p', {}, 'New signing secret: ', h('code', { id: 'secret-value', class: 'secret' }, rotated.secret)),
          h('p', { class: 'hint' }, 'The previous secret keeps signing beside it until ', time(until), '.'));
        reveal.setAttribute('aria-expanded', 'true');
        reveal.textContent = 'Hide secret';
      } catch (e) {
        announce(shown, e.message, 'bad');
      }
    }));
    cancel.addEventListener('click', () => {
      panel.hidden = true;
      rotate.setAttribute('aria-expanded', 'false');
      rotate.focus();
    });
    fill(panel, h('p', {}, 'A new secret signs from now on; the current one keeps signing beside it for the grace '
      + 'period, so your receiver can switch without failing a delivery.'), h('div', { class: 'actions' }, confirm, cancel));
    panel.hidden = false;
    rotate.setAttribute('aria-expanded', 'true');
    confirm.focus();
  });
  return [h('p', { class: 'hint' }, 'Receivers verify the webhook-signature header with it (Standard Webhooks).'),
    h('div', { class: 'actions' }, reveal, rotate), panel, shown];
}

function testSection(webhook, refresh) {
  const result = h('div', { id: 'test-result', role: 'status', 'aria-live': 'polite' });
  const type = h('select', { id: 'test-event', name: 'test-event', disabled: !webhook.enabled },
    h('option', { value: 'webhook.test' }, 'webhook.test'));
  get('/v1/event-types').then((catalogue) => catalogue.data.forEach((entry) =>
    type.append(h('option', { value: entry.type }, `${entry.type} (example)`)))).catch(() => {});
  const send = h('button', { type: 'button', id: 'send-test', disabled: !webhook.enabled }, 'Send test event');
  send.addEventListener('click', () => busy(send, async () => {
    announce(result, `Sending ${type.value === 'webhook.test' ? 'a webhook.test event' : `the example of ${type.value}`}…`);
    let event;
    try {
      event = await post(`/v1/webhooks/${enc(webhook.id)}/test`,
        type.value === 'webhook.test' ? undefined : { event: type.value });
    } catch (e) {
      announce(result, `The test was not sent: ${e.message}`, 'bad');
      return;
    }
    announce(result, `Test event ${event.id} queued; waiting for its attempt…`);
    const attempt = await firstAttempt(event.id);
    if (attempt) {
      announce(result, attemptSentence(attempt), attempt.outcome === 'delivered' ? 'ok' : 'bad');
    } else {
      announce(result, `No attempt of ${event.id} recorded within ${TEST_WAIT_MS / 1000} s; see the history below.`, 'bad');
    }
    await refresh();
  }));
  return [h('p', { class: 'hint' }, webhook.enabled
    ? 'Sends a webhook.test event, or the example of an event type (see the API reference), to this endpoint alone, '
      + 'signed like any other.'
    : 'Enable the webhook to send it a test event.'),
  h('div', { class: 'field' }, h('label', { for: 'test-event' }, 'Test event'), type),
  h('div', { class: 'actions' }, send), result];
}

async function firstAttempt(eventId) {
  const deadline = Date.now() + TEST_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      const { data } = await get(`/v1/events/${enc(eventId)}/attempts`);
      if (data.length) return data[data.length - 1];
    } catch (e) {
      // Keep polling: the history may answer on the next try.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

async function showStats(webhook, list) {
  try {
    const stats = await get(`/v1/webhooks/${enc(webhook.id)}/stats`);
    fill(list,
      h('li', {}, 'Health', h('strong', {}, healthBadge(stats))),
      h('li', {}, 'Attempts', h('strong', {}, String(stats.attempts))),
      h('li', {}, 'Success rate', h('strong', {}, percent(stats.successRate))),
      h('li', {}, 'Latency p50', h('strong', {}, ms(stats.latencyMs.p50))),
      h('li', {}, 'Latency p99', h('strong', {}, ms(stats.latencyMs.p99))));
  } catch (e) {
    fill(list, h('li', {}, `Statistics unavailable: ${e.message}`));
  }
}

function historySection(webhook) {
  const outcome = h('select', { id: 'outcome', name: 'outcome' },
    h('option', { value: '' }, 'All outcomes'),
    ['delivered', 'failed', 'gone', 'refused'].map((o) => h('option', { value: o }, o)));
  const filter = h('form', { class: 'inline', 'aria-label': 'Filter attempts' },
    h('div', { class: 'field' }, h('label', { for: 'outcome' }, 'Outcome'), outcome),
    h('button', { type: 'submit', class: 'secondary' }, 'Show'));
  const table = h('div', { id: 'attempts' });
  const more = h('div');
  const pages = [];
  // A cursor continues the list it came with: its next page is of the outcome listed, not of one picked since.
  const load = async (listed, cursor) => {
    try {
      const page = await get(`/v1/webhooks/${enc(webhook.id)}/attempts${query({ outcome: listed, cursor, limit: 25 })}`);
      if (!cursor) pages.length = 0;
      pages.push(...page.data);
      fill(table, pages.length
        ? attemptsTable(`${pages.length} attempt${pages.length === 1 ? '' : 's'}, newest first`, pages)
        : h('p', {}, 'No attempt recorded yet.'));
      fill(more, page.hasMore ? h('button', { type: 'button', class: 'secondary',
        onclick: (e) => busy(e.target, () => load(listed, page.nextCursor)) }, 'Load older attempts') : null);
    } catch (e) {
      fill(table, h('p', { class: 'notice bad' }, `The history is unavailable: ${e.message}`));
    }
  };
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    load(outcome.value);
  });
  return { element: [filter, table, more], load: () => load(outcome.value) };
}
