// What the signed-in token may do, as GET /v1/whoami said: the admin sees every workspace; a workspace token sees
// its own workspace only, and the actions its permissions allow. The API enforces it; the console only follows.
import { session } from './api.js';

export function isAdmin() {
  const caller = session.caller();
  return Boolean(caller && caller.kind === 'admin');
}

/** The workspace a workspace token is confined to; null for the admin. */
export function ownWorkspace() {
  const caller = session.caller();
  return caller && caller.kind === 'workspace' ? caller.workspaceId : null;
}

/** Whether the token holds `permission` (read, manage_webhooks, replay). */
export function can(permission) {
  const caller = session.caller();
  return Boolean(caller && Array.isArray(caller.permissions) && caller.permissions.includes(permission));
}

/** "CRM team · ws_456 · read, manage_webhooks" for a workspace token, "Admin" for the admin. */
export function describeCaller() {
  const caller = session.caller();
  if (!caller) return '';
  if (caller.kind === 'admin') return 'Admin';
  return `${caller.token.name} · ${caller.workspaceId} · ${caller.permissions.join(', ')}`;
}
