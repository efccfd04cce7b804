// Entry point: wires the top bar and routes between the views. The search lives in the query
// string (/?q=...&sort=...&col=...), so links to a search are shareable; other views live in the
// fragment: #/record/<id>, #/compare/<id>,<id>, #/lineage/<ref>.
import { api, setToken, token } from './api.js';
import { rememberedColumns } from './columns.js';
import { renderCompare } from './compare-view.js';
import { formatTime } from './format.js';
import { renderLineage } from './lineage-view.js';
import { initQueryBox } from './query-box.js';
import { renderRecord } from './record-view.js';
import { PAGE_SIZES, renderSearch } from './search-view.js';
import { compareHash, onSelectionChange, selected } from './selection.js';

const $ = (id) => document.getElementById(id);
const view = $('view');

function intParam(text, fallback, min, max) {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

function searchState() {
  const p = new URLSearchParams(location.search);
  const limit = intParam(p.get('limit'), 20, 1, 1000);
  return {
    q: p.get('q') || '',
    sort: p.get('sort') || '',
    offset: intParam(p.get('offset'), 0, 0, 10000),
    limit: PAGE_SIZES.includes(limit) ? limit : 20,
    cols: p.has('col') ? p.getAll('col').filter(Boolean) : rememberedColumns(),
  };
}

function searchUrl(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.sort) p.set('sort', state.sort);
  if (state.offset) p.set('offset', String(state.offset));
  if (state.limit !== 20) p.set('limit', String(state.limit));
  for (const c of state.cols) p.append('col', c);
  const query = p.toString();
  return query ? `?${query}` : location.pathname;
}

const queryBox = initQueryBox({
  form: $('search-form'),
  input: $('q'),
  list: $('q-suggestions'),
  helpButton: $('help-button'),
  help: $('help'),
  onSearch: (q) => nav.go({ q, offset: 0 }),
});

const nav = {
  go(changes) {
    history.pushState(null, '', searchUrl({ ...searchState(), ...changes }));
    route();
  },
  open(id) {
    location.hash = `#/record/${encodeURIComponent(id)}`;
  },
  queryError(e) {
    queryBox.markPosition(e.position);
  },
};

let routed = '';
let generation = 0;

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a hand-edited link with a stray %
  }
}

/** Starts the view the URL names, into a new container. */
function render(target) {
  let m;
  if ((m = /^#\/record\/([^/?]+)$/.exec(location.hash))) {
    return renderRecord(target, decode(m[1]), '#/');
  }
  if ((m = /^#\/compare\/?(.*)$/.exec(location.hash))) {
    return renderCompare(target, m[1].split(',').filter(Boolean).map(decode));
  }
  if ((m = /^#\/lineage\/([^?]+)(?:\?(.*))?$/.exec(location.hash))) {
    return renderLineage(target, decode(m[1]), Object.fromEntries(new URLSearchParams(m[2] || '')));
  }
  const state = searchState();
  queryBox.setQuery(state.q);
  return renderSearch(target, state, nav);
}

/**
 * Shows the view the URL names; popstate and hashchange may both report one move, hence `force`.
 * The previous view stays (marked busy) until the new one has its content or a moment has passed,
 * so paging and sorting do not flash an empty page.
 */
function route(force = true) {
  if (!force && routed === location.href) return;
  routed = location.href;
  const mine = ++generation;
  const target = document.createElement('div');
  const show = () => {
    if (mine !== generation || target.isConnected) return;
    view.replaceChildren(target);
    view.removeAttribute('aria-busy');
    window.scrollTo(0, 0);
  };
  view.setAttribute('aria-busy', 'true');
  const timer = setTimeout(show, 300);
  Promise.resolve(render(target)).finally(() => {
    clearTimeout(timer);
    show();
  });
}

function updateCompareLink(list = selected()) {
  const link = $('compare-link');
  link.hidden = list.length === 0;
  link.textContent = `Compare (${list.length})`;
  link.href = compareHash(list.map((x) => x.id));
  link.title = list.map((x) => x.name).join(', ');
}

async function showHealth() {
  const line = $('health');
  try {
    const health = await api.health();
    const parts = [`${Number(health.records || 0).toLocaleString('en')} records indexed`];
    if (health.last_commit) parts.push(`last updated ${formatTime(health.last_commit)} UTC`);
    const unreachable = health.unreachable_roots || [];
    if (unreachable.length) parts.push(`unreachable: ${unreachable.map((r) => r.root || r).join(', ')}`);
    line.textContent = parts.join(' · ');
  } catch (e) {
    line.textContent = e.status === 401 ? 'This server needs an access token.' : `Server status unknown: ${e.message}`;
  }
}

function initTokenDialog() {
  const dialog = $('token-dialog');
  const input = $('token-input');
  const button = $('token-button');
  const label = () => {
    button.textContent = token() ? 'Token ✓' : 'Token';
  };
  const open = () => {
    if (dialog.open) return;
    input.value = token();
    dialog.showModal();
    input.focus();
  };
  button.addEventListener('click', open);
  document.addEventListener('mlindex:ask-token', open);
  let asked = false;
  document.addEventListener('mlindex:unauthorized', () => {
    if (!asked) {
      asked = true;
      open();
    }
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'save') setToken(input.value.trim());
    else if (dialog.returnValue === 'clear') setToken('');
    else return;
    label();
    document.dispatchEvent(new CustomEvent('mlindex:token-changed'));
    showHealth();
    route();
  });
  label();
}

initTokenDialog();
onSelectionChange(updateCompareLink);
updateCompareLink();
window.addEventListener('popstate', () => route(false));
window.addEventListener('hashchange', () => route(false));
showHealth();
route();
