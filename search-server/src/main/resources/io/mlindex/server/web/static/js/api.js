// The HTTP API (see /api/openapi.json). Every call sends the bearer token when the user gave one;
// every failure becomes an ApiError carrying the server's message and, for queries, the position.

const TOKEN_KEY = 'mlindex.token';

export class ApiError extends Error {
  constructor(message, status = 0, position = 0) {
    super(message);
    this.status = status;
    this.position = position;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** The URL of an API path relative to the page, so the UI also works behind a path prefix. */
export function apiUrl(path, params = {}) {
  const url = new URL(path.replace(/^\//, ''), new URL('./', location.href));
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  return url;
}

/** GETs JSON from the API; throws ApiError with the server's message on any failure. */
export async function getJson(path, params = {}) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(`cannot reach the server (${e.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) document.dispatchEvent(new CustomEvent('mlindex:unauthorized'));
    const message = body && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status, Number(body?.position) || 0);
  }
  if (body === null) throw new ApiError('the server answered with something other than JSON', response.status);
  return body;
}

export const api = {
  health: () => getJson('api/health'),
  fields: () => getJson('api/fields'),
  search: (params) => getJson('api/search', params),
  record: (id) => getJson(`api/records/${encodeURIComponent(id)}`),
  history: (id) => getJson(`api/records/${encodeURIComponent(id)}/history`),
  series: (id, metric, points = 2000) =>
    getJson(`api/records/${encodeURIComponent(id)}/series`, { metric, points }),
  compare: (ids) => getJson('api/compare', { id: ids }),
  lineage: (ref, { direction = 'both', depth, maxNodes = 200 } = {}) =>
    getJson('api/lineage', { ref, direction, depth, max_nodes: maxNodes }),
};

let fieldsOnce = null;

/** The index's field catalog, fetched once per page load: [{name, type}]. */
export function fieldCatalog() {
  if (!fieldsOnce) {
    fieldsOnce = api.fields().then((r) => r.fields || []).catch((e) => {
      fieldsOnce = null; // try again next time (a token may be entered meanwhile)
      throw e;
    });
  }
  return fieldsOnce;
}
