import { get, post, put, enc, query, ifMatch, ApiError } from '../api.js';
import { h, fill, busy } from '../dom.js';
import { currentWorkspace } from '../workspaces.js';
import { navigate, flash } from '../navigation.js';
import { ownWorkspace, can } from '../caller.js';

/**
 * Creating or editing a webhook. The API validates; its messages are shown next to the fields they concern, and
 * listed in a summary at the top that links to each field.
 */
export async function webhookFormPage(main, { id, params }) {
  const editing = Boolean(id);
  main.append(h('h1', {}, editing ? 'Edit webhook' : 'New webhook'));
  if (!can('manage_webhooks')) {
    main.append(h('p', { class: 'notice' }, 'This token can only read: creating and changing webhooks needs the '
      + 'manage_webhooks permission.'));
    return;
  }
  let webhook = { workspaceId: ownWorkspace() || params.get('workspace') || currentWorkspace(), url: '', events: [], headers: {},
    enabled: true, description: '', rateLimitPerSecond: null, ordering: 'unordered', onFailure: 'dead_letter',
    clientCertificate: null, oauth2: null };
  let catalogue;
  try {
    [catalogue, webhook] = await Promise.all([get('/v1/event-types'),
      editing ? get(`/v1/webhooks/${enc(id)}`) : Promise.resolve(webhook)]);
  } catch (e) {
    main.append(h('p', { class: 'notice bad', role: 'alert' }, e.message));
    return;
  }

  const summary = h('div', { class: 'notice bad', role: 'alert', tabindex: '-1', hidden: true });
  const errors = {};
  const field = (name, label, control, hint) => {
    errors[name] = h('p', { id: `${name}-error`, class: 'field-error' });
    control.setAttribute('aria-describedby', [hint ? `${name}-hint` : null, `${name}-error`].filter(Boolean).join(' '));
    return h('div', { class: 'field' },
      h('label', { for: control.id }, label),
      hint ? h('p', { id: `${name}-hint`, class: 'hint' }, hint) : null,
      control, errors[name]);
  };
  // A workspace token's webhooks stay in its workspace: the field shows it, read-only.
  const workspace = h('input', { id: 'workspaceId', name: 'workspaceId', type: 'text', value: webhook.workspaceId,
    readonly: Boolean(ownWorkspace()) });
  const url = h('input', { id: 'url', name: 'url', type: 'url', value: webhook.url, inputmode: 'url', autocomplete: 'url' });
  const description = h('textarea', { id: 'description', name: 'description' });
  description.value = webhook.description || '';
  const rateLimit = h('input', { id: 'rateLimitPerSecond', name: 'rateLimitPerSecond', type: 'number', min: '1',
    value: webhook.rateLimitPerSecond === null ? '' : webhook.rateLimitPerSecond });
  const ordering = h('select', { id: 'ordering', name: 'ordering' },
    h('option', { value: 'unordered', selected: webhook.ordering !== 'fifo' }, 'As soon as possible, several at once'),
    h('option', { value: 'fifo', selected: webhook.ordering === 'fifo' }, 'In publish order, one at a time (FIFO)'));
  const onFailure = h('select', { id: 'onFailure', name: 'onFailure' },
    h('option', { value: 'dead_letter', selected: webhook.onFailure !== 'pause' },
      'Park it in the dead letters and go on with the next'),
    h('option', { value: 'pause', selected: webhook.onFailure === 'pause' },
      'Pause the webhook and keep every later delivery, in order'));
  const onFailureField = field('onFailure', 'When a delivery keeps failing (FIFO)', onFailure,
    'After its retries, or once older than the maximum age.');
  const showOnFailure = () => { onFailureField.hidden = ordering.value !== 'fifo'; };
  ordering.addEventListener('change', showOnFailure);
  showOnFailure();
  const secret = editing ? null : h('input', { id: 'secret', name: 'secret', type: 'text', autocomplete: 'off',
    spellcheck: 'false' });
  const enabled = h('input', { id: 'enabled', name: 'enabled', type: 'checkbox', checked: webhook.enabled });

  const events = eventsFieldset(catalogue, new Set(webhook.events));
  errors.events = events.error;
  const headers = headersFieldset(webhook.headers || {});
  errors.headers = headers.error;
  const certificate = clientCertificateFieldset(webhook.clientCertificate, field);
  const oauth2 = oauth2Fieldset(webhook.oauth2, field);

  const save = h('button', { type: 'submit' }, editing ? 'Save changes' : 'Create webhook');
  const cancel = h('a', { class: 'button secondary',
    href: editing ? `#/webhooks/${enc(id)}` : `#/webhooks${query({ workspace: webhook.workspaceId })}` }, 'Cancel');
  const form = h('form', { novalidate: true },
    summary,
    field('workspaceId', 'Workspace', workspace),
    field('url', 'Endpoint URL', url, 'Where the events are POSTed: https://, or http:// where the deployment allows it.'),
    field('description', 'Description (optional)', description),
    events.element,
    headers.element,
    certificate.element,
    oauth2.element,
    field('rateLimitPerSecond', 'Rate limit per second (optional)', rateLimit, 'Leave empty for no limit.'),
    field('ordering', 'Delivery order', ordering,
      'FIFO delivers each event after the one published before it, retrying a failed one before the next.'),
    onFailureField,
    secret ? field('secret', 'Signing secret (optional)', secret,
      'whsec_ followed by base64; leave empty and one is generated.') : null,
    h('div', { class: 'field' }, h('label', { class: 'check', for: 'enabled' }, enabled, 'Enabled: deliver events to it')),
    h('div', { class: 'actions' }, save, cancel));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, summary, errors);
    const body = {
      workspaceId: workspace.value.trim(),
      url: url.value.trim(),
      events: events.selected(),
      headers: headers.values(),
      enabled: enabled.checked,
      description: description.value.trim() || null,
      rateLimitPerSecond: rateLimit.value.trim() === '' ? null : Number(rateLimit.value),
      ordering: ordering.value,
      clientCertificate: certificate.value(),
      oauth2: oauth2.value(),
    };
    if (ordering.value === 'fifo') body.onFailure = onFailure.value;
    if (secret && secret.value.trim()) body.secret = secret.value.trim();
    await busy(save, async () => {
      try {
        const saved = editing ? await put(`/v1/webhooks/${enc(id)}`, body, ifMatch(webhook))
          : await post('/v1/webhooks', body);
        flash(editing ? 'Changes saved.' : 'Webhook created. Reveal its signing secret below to configure your receiver.');
        navigate(`#/webhooks/${enc(saved.id)}`);
      } catch (e) {
        showErrors(form, summary, errors, e);
      }
    });
  });
  main.append(form);
}

/** Checkboxes for `*`, each family's `family.*` and each type, from the API's catalogue. */
function eventsFieldset(catalogue, chosen) {
  const boxes = [];
  const box = (filter, label) => {
    const input = h('input', { type: 'checkbox', id: `event-${filter}`, name: 'events', value: filter,
      checked: chosen.has(filter) });
    boxes.push(input);
    return h('label', { class: 'check', for: input.id }, input, label);
  };
  const error = h('p', { id: 'events-error', class: 'field-error' });
  const families = catalogue.families.map(({ family, filter }) => h('fieldset', {},
    h('legend', {}, family),
    h('div', { class: 'checks' },
      box(filter, `Every ${family} event (${filter})`),
      catalogue.data.filter((type) => type.family === family).map((type) => box(type.type, type.type)))));
  const element = h('fieldset', { id: 'events', tabindex: '-1', 'aria-describedby': 'events-error' },
    h('legend', {}, 'Event types'),
    h('div', { class: 'checks' }, box(catalogue.all, `All events (${catalogue.all})`)),
    families, error);
  return { element, error, selected: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/** Rows of name and value inputs; a row can be added or removed. */
function headersFieldset(initial) {
  const rows = h('div');
  const error = h('p', { id: 'headers-error', class: 'field-error' });
  let count = 0;
  const addRow = (name = '', value = '') => {
    count += 1;
    const nameInput = h('input', { id: `header-name-${count}`, type: 'text', value: name, autocomplete: 'off',
      spellcheck: 'false', 'data-header': 'name' });
    const valueInput = h('input', { id: `header-value-${count}`, type: 'text', value, autocomplete: 'off',
      spellcheck: 'false', 'data-header': 'value' });
    const row = h('div', { class: 'header-row' },
      h('div', { class: 'field' }, h('label', { for: nameInput.id }, `Header ${count} name`), nameInput),
      h('div', { class: 'field' }, h('label', { for: valueInput.id }, `Header ${count} value`), valueInput));
    row.append(h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove header ${count}`,
      onclick: () => { row.remove(); add.focus(); } }, 'Remove'));
    rows.append(row);
    return nameInput;
  };
  const add = h('button', { type: 'button', class: 'secondary', onclick: () => addRow().focus() }, 'Add header');
  Object.entries(initial).forEach(([name, value]) => addRow(name, value));
  const element = h('fieldset', { id: 'headers', tabindex: '-1', 'aria-describedby': 'headers-error' },
    h('legend', {}, 'Custom headers'),
    h('p', { class: 'hint' }, 'Sent with every delivery, e.g. Authorization for your receiver. Saved values are '
      + 'hidden as ********: leave that to keep a value, or type a new one.'),
    rows, add, error);
  const values = () => {
    const result = {};
    for (const row of rows.children) {
      const name = row.querySelector('[data-header="name"]').value.trim();
      if (name) result[name] = row.querySelector('[data-header="value"]').value;
    }
    return result;
  };
  return { element, error, values };
}

const KEPT_HINT = 'Saved values are hidden as ********: leave that to keep a value, or paste a new one.';

/** The certificate and private key (PEM) deliveries present to endpoints that require mutual TLS; none when both are empty. */
function clientCertificateFieldset(initial, field) {
  const pem = (name, value) => h('textarea', { id: `clientCertificate.${name}`, name: `clientCertificate.${name}`,
    rows: '4', autocomplete: 'off', spellcheck: 'false', class: 'pem', value: value || '' });
  const certificate = pem('certificate', initial && initial.certificate);
  const privateKey = pem('privateKey', initial && initial.privateKey);
  const element = h('fieldset', { id: 'clientCertificate', tabindex: '-1' },
    h('legend', {}, 'Client certificate (optional, for endpoints that require mutual TLS)'),
    h('p', { class: 'hint' }, `${KEPT_HINT} Clear both to remove it.`),
    field('clientCertificate.certificate', 'Certificate (PEM)', certificate,
      'Your certificate first, then any intermediate certificates: -----BEGIN CERTIFICATE----- blocks.'),
    field('clientCertificate.privateKey', 'Private key (PEM, unencrypted)', privateKey,
      'PKCS#8, PKCS#1 or SEC 1: -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY.'));
  const value = () => (certificate.value.trim() || privateKey.value.trim()
    ? { certificate: certificate.value.trim(), privateKey: privateKey.value.trim() } : null);
  return { element, value };
}

/** The OAuth 2.0 client credentials deliveries get their bearer token with; none when every field is empty. */
function oauth2Fieldset(initial, field) {
  const given = initial || {};
  const text = (name, type, value, extra = {}) => h('input', { id: `oauth2.${name}`, name: `oauth2.${name}`, type,
    value: value || '', autocomplete: 'off', spellcheck: 'false', ...extra });
  const tokenUrl = text('tokenUrl', 'url', given.tokenUrl, { inputmode: 'url' });
  const clientId = text('clientId', 'text', given.clientId);
  const clientSecret = text('clientSecret', 'text', given.clientSecret);
  const scope = text('scope', 'text', given.scope);
  const authentication = h('select', { id: 'oauth2.clientAuthentication', name: 'oauth2.clientAuthentication' },
    h('option', { value: 'client_secret_basic', selected: given.clientAuthentication !== 'client_secret_post' },
      'HTTP Basic authentication (client_secret_basic)'),
    h('option', { value: 'client_secret_post', selected: given.clientAuthentication === 'client_secret_post' },
      'In the request body (client_secret_post)'));
  const element = h('fieldset', { id: 'oauth2', tabindex: '-1' },
    h('legend', {}, 'OAuth 2.0 client credentials (optional)'),
    h('p', { class: 'hint' }, 'Each delivery is sent with Authorization: Bearer and a token from your authorization '
      + `server. ${KEPT_HINT} Clear the token URL, client id, secret and scope to remove them.`),
    field('oauth2.tokenUrl', 'Token URL', tokenUrl, 'https:// address of the token endpoint.'),
    field('oauth2.clientId', 'Client id', clientId),
    field('oauth2.clientSecret', 'Client secret', clientSecret),
    field('oauth2.scope', 'Scope (optional)', scope, 'Space-separated; leave empty for the server\'s default.'),
    field('oauth2.clientAuthentication', 'How the client id and secret are sent', authentication));
  const value = () => {
    const parts = [tokenUrl, clientId, clientSecret, scope].map((input) => input.value.trim());
    if (parts.every((part) => part === '')) return null;
    // The secret is sent as typed: spaces may be part of it.
    const result = { tokenUrl: parts[0], clientId: parts[1], clientSecret: clientSecret.value,
      clientAuthentication: authentication.value };
    if (parts[3]) result.scope = parts[3];
    return result;
  };
  return { element, value };
}

function clearErrors(form, summary, errors) {
  summary.hidden = true;
  fill(summary);
  Object.values(errors).forEach((p) => fill(p));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
}

function showErrors(form, summary, errors, error) {
  const violations = error instanceof ApiError ? error.violations() : [];
  const items = [];
  for (const violation of violations) {
    const target = errors[violation.field];
    if (target) {
      target.append(target.textContent ? ` ${violation.message}` : violation.message);
      const control = form.querySelector(`#${CSS.escape(violation.field)}`);
      if (control) control.setAttribute('aria-invalid', 'true');
      items.push(h('li', {}, h('a', { href: `#${violation.field}`, onclick: (e) => {
        e.preventDefault();
        form.querySelector(`#${CSS.escape(violation.field)}`).focus();
      } }, violation.message)));
    } else {
      items.push(h('li', {}, violation.message));
    }
  }
  fill(summary, h('p', {}, violations.length ? 'The webhook was not saved:' : `The webhook was not saved: ${error.message}`),
    items.length ? h('ul', {}, items) : null);
  summary.hidden = false;
  summary.focus();
}
