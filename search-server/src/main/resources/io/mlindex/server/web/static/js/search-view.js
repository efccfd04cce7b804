// The search page: facets, the result table for one page of hits, paging and the compare bar.
import { api, fieldCatalog } from './api.js';
import { h } from './dom.js';
import { errorBox } from './errors.js';
import { FACETS, facetPanel } from './facets.js';
import { columnChooser, rememberColumns } from './columns.js';
import { BASE_COLUMNS, extraColumn, resultsTable } from './results-table.js';

export const PAGE_SIZES = [20, 50, 100];
const MAX_WINDOW = 10000;

function pager(state, total, go) {
  const { offset, limit } = state;
  const last = Math.min(total, offset + limit);
  const canNext = offset + limit < total && offset + 2 * limit <= MAX_WINDOW;
  const size = h('select', { 'aria-label': 'Hits per page' },
    PAGE_SIZES.map((n) => h('option', { value: n, selected: n === limit }, `${n} per page`)));
  size.addEventListener('change', () => go({ limit: Number(size.value), offset: 0 }));
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: offset === 0, on: { click: () => go({ offset: Math.max(0, offset - limit) }) } }, 'Previous'),
    h('span', null, total ? `${(offset + 1).toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')}` : ''),
    h('button', { type: 'button', disabled: !canNext, on: { click: () => go({ offset: offset + limit }) } }, 'Next'),
    size,
    total > MAX_WINDOW ? h('span', { class: 'notice' }, `Only the first ${MAX_WINDOW.toLocaleString('en')} can be paged; narrow the query.`) : null);
}

/** Columns for the chosen fields, typed from the catalog when it is at hand. */
async function columnsFor(chosen) {
  let types = {};
  if (chosen.length) {
    try {
      types = Object.fromEntries((await fieldCatalog()).map((f) => [f.name, f.type]));
    } catch {
      types = {};
    }
  }
  return BASE_COLUMNS.concat(chosen.map((c) => extraColumn(c, types[c])));
}

/**
 * Renders the search page for a state {q, sort, offset, limit, cols} into the container.
 * nav.go(changes) moves to a new state (it becomes a history entry); nav.open(id) opens a record.
 */
export async function renderSearch(container, state, nav) {
  document.title = state.q ? `${state.q} · mlindex` : 'mlindex';
  const status = h('p', { class: 'notice', role: 'status' }, 'Searching…');
  container.replaceChildren(status);
  let answer;
  try {
    answer = await api.search({
      q: state.q,
      sort: state.sort,
      limit: state.limit,
      offset: state.offset,
      facets: FACETS.map(([f]) => f).join(','),
      highlight: state.q ? 'true' : null,
    });
  } catch (e) {
    container.replaceChildren(errorBox(e, state.q));
    nav.queryError?.(e);
    return;
  }
  const columns = await columnsFor(state.cols);
  const total = answer.total || 0;
  const summary = total === 0
    ? 'No records match.'
    : `${total.toLocaleString('en')} record${total === 1 ? '' : 's'}`;
  const chooser = columnChooser(state.cols, (cols) => {
    rememberColumns(cols);
    nav.go({ cols });
  });
  const results = h('section', { class: 'results', 'aria-label': 'Results' },
    h('div', { class: 'toolbar' },
      h('span', { class: 'total', role: 'status', id: 'result-count' }, summary),
      chooser),
    total === 0 && state.q
      ? h('p', { class: 'notice' }, 'Try fewer words, a wildcard (resn*), or remove a filter.')
      : resultsTable({
        hits: answer.hits || [],
        highlights: answer.highlights,
        columns,
        sort: state.sort,
        onSort: (sort) => nav.go({ sort, offset: 0 }),
        onOpen: nav.open,
      }),
    total > 0 ? pager(state, total, nav.go) : null);
  const facets = facetPanel(answer.facets, state.q, (q) => nav.go({ q, offset: 0 }));
  container.replaceChildren(h('div', { class: 'search-layout' }, facets, results));
}
