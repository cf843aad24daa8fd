// The console's client of the /v1 API: the token signed in with travels as a bearer token; errors keep the
// API's shape, {"error", "detail"}, so that pages can show each message next to the field it concerns.

const TOKEN = 'chatplugify.token';
const CALLER = 'chatplugify.caller';

/** The token signed in with, and what GET /v1/whoami said it may do; both for this browser tab only. */
export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (token, caller) => {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(CALLER, JSON.stringify(caller));
  },
  signOut: () => {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(CALLER);
  },
  caller: () => {
    try {
      return JSON.parse(sessionStorage.getItem(CALLER) || 'null');
    } catch (notJson) {
      return null;
    }
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.code = body && body.error;
    this.detail = body && body.detail;
  }

  /** The violations of a 400, each {reason, field, message}; empty for other errors. */
  violations() {
    return Array.isArray(this.detail) ? this.detail.filter((v) => v && typeof v.message === 'string') : [];
  }
}

function describe(status, body) {
  if (status === 412) {
    return 'Someone changed this webhook after this page loaded it, so nothing was saved. Reload the page to see '
      + 'the change, then make yours again.';
  }
  if (!body) return `The server answered ${status}.`;
  const detail = body.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map((v) => (v && v.message) || JSON.stringify(v)).join('; ');
  if (detail && typeof detail.message === 'string') return detail.message;
  return body.error || `The server answered ${status}.`;
}

/** Calls the API; resolves with the parsed JSON (null for 204), rejects with an ApiError. */
export async function api(method, path, body, token = session.token(), extraHeaders = {}) {
  const headers = { ...extraHeaders, Authorization: `Bearer ${token || ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (networkError) {
    throw new ApiError(0, { error: 'unreachable', detail: 'The server cannot be reached; try again.' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (response.status === 401 && token === session.token()) {
    session.signOut();
    window.dispatchEvent(new Event('signed-out'));
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body, headers) => api('POST', path, body, undefined, headers);
export const put = (path, body, headers) => api('PUT', path, body, undefined, headers);
export const del = (path, headers) => api('DELETE', path, undefined, undefined, headers);

/** Makes a write apply only to the version of the webhook the page shows: 412 if it changed meanwhile. */
export const ifMatch = (webhook) => ({ 'If-Match': `"${webhook.version}"` });

export const enc = encodeURIComponent;

/** The query string of `params`, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
