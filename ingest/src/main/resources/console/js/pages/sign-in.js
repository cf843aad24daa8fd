import { api, session } from '../api.js';
import { h, busy } from '../dom.js';

/**
 * Sign-in: the token is checked against the API, which also says what it may do (GET /v1/whoami); both are kept
 * for this browser tab only (sessionStorage). The admin lands on the overview, a workspace token on its webhooks.
 */
export async function signInPage(main) {
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password',
    required: true, 'aria-describedby': 'token-hint token-error' });
  const error = h('p', { id: 'token-error', class: 'field-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'token' }, 'Token'),
      h('p', { id: 'token-hint', class: 'hint' },
        'Your workspace token (cpws_…), or the deployment\'s admin token (standalone keeps it in data/api-token). '
        + 'It stays in this tab only.'),
      token, error),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) {
      error.textContent = 'Enter a token.';
      token.setAttribute('aria-invalid', 'true');
      token.focus();
      return;
    }
    await busy(submit, async () => {
      let caller;
      try {
        caller = await api('GET', '/v1/whoami', undefined, value);
      } catch (e) {
        error.textContent = e.status === 401 ? 'This token is not accepted.' : e.message;
        token.setAttribute('aria-invalid', 'true');
        token.focus();
        return;
      }
      session.signIn(value, caller);
      const home = caller.kind === 'admin' ? '#/overview' : '#/webhooks';
      const next = sessionStorage.getItem('chatplugify.after-sign-in') || home;
      sessionStorage.removeItem('chatplugify.after-sign-in');
      location.hash = next === '#/signin' ? home : next;
    });
  });
  main.append(h('h1', {}, 'Sign in'),
    h('p', { class: 'lead' }, 'Manage webhook endpoints, watch their deliveries and replay dead letters.'),
    form);
}
