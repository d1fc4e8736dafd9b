// The query API. Errors carry the server's reason.

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let reason = response.statusText;
    try { reason = (await response.json()).error || reason; } catch { /* not JSON */ }
    const error = new Error(`${response.status}: ${reason}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function projectPath(team, project) {
  return `/api/projects/${encodeURIComponent(team)}/${encodeURIComponent(project)}`;
}
