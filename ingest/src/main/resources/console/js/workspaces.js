// The workspace the console shows, and those used before in this browser until sign-out (workspace ids are not secret).
const CURRENT = 'chatplugify.workspace';
const RECENT = 'chatplugify.workspaces';

export function currentWorkspace() {
  return sessionStorage.getItem(CURRENT) || '';
}

export function useWorkspace(workspace) {
  sessionStorage.setItem(CURRENT, workspace);
  const recent = recentWorkspaces().filter((w) => w !== workspace);
  recent.unshift(workspace);
  localStorage.setItem(RECENT, JSON.stringify(recent.slice(0, 20)));
}

/** Forgets the workspace shown and those used before: they name customers, and the next person here need not see them. */
export function forgetWorkspaces() {
  sessionStorage.removeItem(CURRENT);
  localStorage.removeItem(RECENT);
}

export function recentWorkspaces() {
  try {
    const recent = JSON.parse(localStorage.getItem(RECENT) || '[]');
    return Array.isArray(recent) ? recent.filter((w) => typeof w === 'string') : [];
  } catch (notJson) {
    return [];
  }
}
