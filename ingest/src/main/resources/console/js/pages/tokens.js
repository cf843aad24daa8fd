import { get, post, del, enc, query } from '../api.js';
import { h, fill, time, announce, busy } from '../dom.js';

const PERMISSIONS = [
  ['read', 'Read: webhooks, delivery history, dead letters'],
  ['manage_webhooks', 'Manage webhooks: create, edit, delete, secrets, test sends'],
  ['replay', 'Replay dead letters'],
];

/**
 * The admin's workspace tokens: issue one (its secret is shown this once), list them with when each was last used,
 * and revoke them.
 */
export async function tokensPage(main, { params }) {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const issued = h('div', { id: 'issued-token', role: 'status', 'aria-live': 'polite' });
  const list = h('div', { id: 'tokens' });
  const filter = params.get('workspace') || '';

  const load = async () => {
    try {
      const { data } = await get(`/v1/tokens${query({ workspaceId: filter })}`);
      fill(list, data.length ? table(data, status, load) : h('p', {}, 'No tokens yet.'));
    } catch (e) {
      announce(status, `The tokens could not be listed: ${e.message}`, 'bad');
    }
  };
  main.append(h('h1', {}, 'Tokens'),
    h('p', { class: 'lead' }, 'Workspace tokens give a customer\'s people and systems their own workspace, in the '
      + 'API and in this console, and nothing else.'),
    status, h('h2', {}, 'New token'), issueForm(filter, issued, load), issued,
    h('h2', {}, filter ? `Tokens of ${filter}` : 'Every token'), filterForm(filter), list);
  await load();
}

function issueForm(workspace, issued, reload) {
  const name = h('input', { id: 'token-name', name: 'name', type: 'text', autocomplete: 'off' });
  const workspaceId = h('input', { id: 'token-workspace', name: 'workspaceId', type: 'text', value: workspace,
    autocomplete: 'off' });
  const expires = h('input', { id: 'token-expires', name: 'expiresAt', type: 'datetime-local' });
  const boxes = PERMISSIONS.map(([code, label]) => {
    const box = h('input', { type: 'checkbox', id: `permission-${code}`, value: code, checked: code === 'read' });
    return [box, h('label', { class: 'check', for: box.id }, box, label)];
  });
  const error = h('div', { class: 'notice bad', role: 'alert', id: 'token-errors', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Issue token');
  const form = h('form', { novalidate: true, 'aria-label': 'New token' },
    error,
    h('div', { class: 'field' }, h('label', { for: name.id }, 'Name'), name,
      h('p', { class: 'hint' }, 'Who or what it is for, e.g. "Acme CRM sync".')),
    h('div', { class: 'field' }, h('label', { for: workspaceId.id }, 'Workspace'), workspaceId),
    h('fieldset', {}, h('legend', {}, 'Permissions'), h('div', { class: 'checks' }, boxes.map(([, label]) => label))),
    h('div', { class: 'field' }, h('label', { for: expires.id }, 'Expires (optional)'), expires),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      error.hidden = true;
      const body = { name: name.value.trim(), workspaceId: workspaceId.value.trim(),
        permissions: boxes.filter(([box]) => box.checked).map(([box]) => box.value) };
      if (expires.value) body.expiresAt = new Date(expires.value).toISOString();
      try {
        const token = await post('/v1/tokens', body);
        fill(issued, h('div', { class: 'panel' },
          h('p', {}, h('strong', {}, `Token "${token.name}" for ${token.workspaceId}. `),
            'Copy it now: it is shown only this once, and stored only as a hash.'),
          h('p', {}, h('code', { id: 'new-token', class: 'secret' }, token.token))));
        name.value = '';
        await reload();
      } catch (e) {
        fill(error, h('p', {}, `The token was not issued: ${e.message}`));
        error.hidden = false;
        error.focus();
      }
    });
  });
  return form;
}

function filterForm(workspace) {
  const input = h('input', { id: 'tokens-workspace', name: 'workspace', type: 'text', value: workspace,
    autocomplete: 'off' });
  const form = h('form', { class: 'inline', role: 'search', 'aria-label': 'Tokens of a workspace' },
    h('div', { class: 'field' }, h('label', { for: input.id }, 'Workspace'), input),
    h('button', { type: 'submit', class: 'secondary' }, 'Show tokens'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/tokens${query({ workspace: input.value.trim() })}`;
  });
  return form;
}

function table(tokens, status, reload) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, `${tokens.length} token${tokens.length === 1 ? '' : 's'}, oldest first`),
    h('thead', {}, h('tr', {}, ['Name', 'Workspace', 'Permissions', 'Created', 'Last used', 'Expires', 'Ends with', '']
      .map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, tokens.map((token) => h('tr', {},
      h('td', {}, token.name),
      h('td', { class: 'mono' }, token.workspaceId),
      h('td', {}, token.permissions.join(', ')),
      h('td', {}, time(token.createdAt)),
      h('td', {}, token.lastUsedAt ? time(token.lastUsedAt) : 'never'),
      h('td', {}, token.expiresAt ? [time(token.expiresAt), token.expired ? ' (expired)' : ''] : 'never'),
      h('td', { class: 'mono' }, `…${token.hint}`),
      h('td', {}, revokeButton(token, status, reload)))))));
}

function revokeButton(token, status, reload) {
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${token.name}` }, 'Revoke…');
  button.addEventListener('click', () => {
    const confirm = h('button', { type: 'button', class: 'danger' }, `Revoke "${token.name}"`);
    const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
    const cell = button.parentElement;
    confirm.addEventListener('click', () => busy(confirm, async () => {
      try {
        await del(`/v1/tokens/${enc(token.id)}`);
        announce(status, `Token "${token.name}" revoked: every instance refuses it within seconds.`, 'ok');
        await reload();
      } catch (e) {
        announce(status, `The token was not revoked: ${e.message}`, 'bad');
      }
    }));
    cancel.addEventListener('click', () => {
      fill(cell, button);
      button.focus();
    });
    fill(cell, confirm, ' ', cancel);
    confirm.focus();
  });
  return button;
}
