// The console's shell: a hash router over the pages, the sign-in gate and the navigation.
import { session } from './api.js';
import { signInPage } from './pages/sign-in.js';
import { webhooksPage } from './pages/webhooks.js';
import { webhookFormPage } from './pages/webhook-form.js';
import { webhookPage } from './pages/webhook.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { overviewPage } from './pages/overview.js';
import { tokensPage } from './pages/tokens.js';
import { isAdmin, describeCaller } from './caller.js';
import { referencePage } from './pages/reference.js';
import { navigate } from './navigation.js';
import { forgetWorkspaces } from './workspaces.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
/** The view of the latest render: the only one allowed to take the title and the focus. */
let current;

/** Routes: a pattern over the hash path, the page that renders it, and whether only the admin has it. */
const routes = [
  [/^\/signin$/, signInPage],
  [/^\/overview$/, overviewPage, 'admin'],
  [/^\/webhooks$/, webhooksPage],
  // The form for a new webhook lives outside /webhooks/: any single segment there can be a webhook's id ("new" too).
  [/^\/new-webhook$/, webhookFormPage],
  [/^\/webhooks\/([^/]+)\/edit$/, webhookFormPage],
  [/^\/webhooks\/([^/]+)$/, webhookPage],
  [/^\/dead-letters$/, deadLettersPage],
  [/^\/tokens$/, tokensPage, 'admin'],
  [/^\/reference$/, referencePage],
];

/** Where a signed-in caller starts: the admin on the overview, a workspace token on its webhooks. */
function home() {
  return isAdmin() ? '/overview' : '/webhooks';
}

function parse() {
  const hash = location.hash.replace(/^#/, '').replace(/^\/?$/, '') || home();
  const [path, search] = hash.split('?');
  return { path, params: new URLSearchParams(search || '') };
}

async function render() {
  const { path, params } = parse();
  if (!session.token() && path !== '/signin') {
    if (location.hash && location.hash !== '#/') sessionStorage.setItem('chatplugify.after-sign-in', location.hash);
    location.hash = '#/signin';
    return;
  }
  nav.hidden = !session.token();
  for (const item of nav.querySelectorAll('[data-admin]')) item.hidden = !isAdmin();
  document.getElementById('signed-in-as').textContent = session.token() ? describeCaller() : '';
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav.split(' ').some((section) => path.startsWith(`/${section}`))) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const match = routes.filter(([, , who]) => who !== 'admin' || isAdmin())
    .map(([pattern, page]) => [path.match(pattern), page]).find(([found]) => found);
  // Each render draws into a view of its own: a page still loading when the caller navigates on keeps writing into
  // its view, which is no longer on screen, instead of into the next page.
  const view = document.createElement('div');
  const focusedBefore = document.activeElement;
  current = view;
  main.replaceChildren(view);
  if (!match) {
    view.append(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
    return;
  }
  const [found, page] = match;
  await page(view, { id: found[1] && decodeURIComponent(found[1]), params });
  const heading = view.querySelector('h1');
  if (current !== view || !heading) return;
  document.title = `${heading.textContent} · Chatplugify Webhooks`;
  heading.setAttribute('tabindex', '-1');
  // Focus moves to the new page's heading unless the caller has moved it while the page loaded (typing in the page,
  // or the skip link): focus is only taken from where the navigation left it.
  const focused = document.activeElement;
  if (!focused || focused === focusedBefore || focused === document.body) heading.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  forgetWorkspaces();
  navigate('#/signin');
});
// The skip link's "#main" would be read as a route: it moves the focus to the page instead.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  (main.querySelector('h1') || main).focus();
});
window.addEventListener('signed-out', () => navigate('#/signin'));
window.addEventListener('hashchange', render);
render();
