// The console's shell: a hash router over the pages, the sign-in gate and the navigation.
import { session } from './api.js';
import { signInPage } from './pages/sign-in.js';
import { webhooksPage } from './pages/webhooks.js';
import { webhookFormPage } from './pages/webhook-form.js';
import { webhookPage } from './pages/webhook.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { referencePage } from './pages/reference.js';
import { navigate } from './navigation.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** Routes: a pattern over the hash path and the page that renders it. */
const routes = [
  [/^\/signin$/, signInPage],
  [/^\/webhooks$/, webhooksPage],
  [/^\/webhooks\/new$/, webhookFormPage],
  [/^\/webhooks\/([^/]+)\/edit$/, webhookFormPage],
  [/^\/webhooks\/([^/]+)$/, webhookPage],
  [/^\/dead-letters$/, deadLettersPage],
  [/^\/reference$/, referencePage],
];

function parse() {
  const hash = location.hash.replace(/^#/, '') || '/webhooks';
  const [path, search] = hash.split('?');
  return { path, params: new URLSearchParams(search || '') };
}

async function render() {
  const { path, params } = parse();
  if (!session.token() && path !== '/signin') {
    sessionStorage.setItem('chatplugify.after-sign-in', location.hash || '#/webhooks');
    location.hash = '#/signin';
    return;
  }
  nav.hidden = !session.token();
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (path.startsWith(`/${link.dataset.nav}`)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const match = routes.map(([pattern, page]) => [path.match(pattern), page]).find(([found]) => found);
  main.replaceChildren();
  if (!match) {
    main.append(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
    return;
  }
  const [found, page] = match;
  await page(main, { id: found[1] && decodeURIComponent(found[1]), params });
  const heading = main.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · Chatplugify Webhooks`;
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  navigate('#/signin');
});
window.addEventListener('signed-out', () => navigate('#/signin'));
window.addEventListener('hashchange', render);
render();
