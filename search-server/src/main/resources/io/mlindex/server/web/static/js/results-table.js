// The result table: one page of hits, sortable columns, a checkbox per row for comparing, and
// keyboard navigation (arrow keys move between rows, Enter opens, Space selects).
import { h } from './dom.js';
import { cellValue, formatValue, recordName, snippetNodes } from './format.js';
import { isSelected, toggle } from './selection.js';

/** The columns every table has; chosen metric and param columns follow them. */
export const BASE_COLUMNS = [
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'kind', label: 'Kind', sort: 'kind' },
  { key: 'format', label: 'Format', sort: 'format' },
  { key: 'experiment', label: 'Experiment', sort: 'experiment', narrow: false },
  { key: 'time.start', label: 'Started', sort: 'time.start', narrow: false },
];

export function extraColumn(field, type) {
  const label = field.replace(/^(metric|param|properties|tag)\./, '');
  return { key: field, label, sort: field, numeric: type === 'number' || field.startsWith('metric.'), title: field };
}

/** "name:asc" -> {field, dir}. */
export function parseSort(sort) {
  if (!sort) return { field: '', dir: '' };
  const first = sort.split(',')[0];
  const m = /^(.*):(asc|desc)$/.exec(first);
  return m ? { field: m[1], dir: m[2] } : { field: first, dir: 'asc' };
}

function nextSort(column, current) {
  if (current.field === column.sort) return `${column.sort}:${current.dir === 'asc' ? 'desc' : 'asc'}`;
  return `${column.sort}:${column.numeric || column.key.startsWith('time.') ? 'desc' : 'asc'}`;
}

function headerCell(column, current, onSort) {
  const sorted = current.field === column.sort;
  const ariaSort = sorted ? (current.dir === 'desc' ? 'descending' : 'ascending') : 'none';
  return h('th', {
    scope: 'col',
    class: [column.numeric ? 'num' : '', column.narrow === false ? 'hide-narrow' : ''].join(' ').trim() || null,
    'aria-sort': ariaSort,
    title: column.title,
  }, h('button', { type: 'button', on: { click: () => onSort(nextSort(column, current)) } }, column.label));
}

function nameCell(record, snippets) {
  const snippet = snippets?.[0];
  return h('td', null,
    h('a', { class: 'hit-name', href: `#/record/${encodeURIComponent(record.id)}`, tabindex: '-1' }, recordName(record)),
    h('div', { class: 'hit-path' }, record.path || ''),
    snippet ? h('div', { class: 'snippet' }, snippetNodes(snippet)) : null);
}

function row(record, columns, highlights, onOpen) {
  const box = h('input', {
    type: 'checkbox',
    tabindex: '-1',
    'aria-label': `Select ${recordName(record)} for comparison`,
    checked: isSelected(record.id),
  });
  const tr = h('tr', { tabindex: '-1', dataset: { id: record.id }, class: box.checked ? 'selected' : null },
    h('td', { class: 'select' }, box),
    columns.map((c) => {
      if (c.key === 'name') return nameCell(record, highlights?.[record.id]);
      const v = cellValue(record, c.key);
      const cls = [c.numeric ? 'num' : '', c.narrow === false ? 'hide-narrow' : ''].join(' ').trim() || null;
      if (c.key === 'kind' || c.key === 'format') return h('td', { class: cls }, v ? h('span', { class: 'badge' }, v) : '');
      return h('td', { class: cls }, formatValue(v));
    }));
  const flip = () => {
    const on = toggle(record.id, recordName(record)); // the store may refuse (20 at most)
    box.checked = on;
    tr.classList.toggle('selected', on);
  };
  box.addEventListener('change', flip);
  tr.addEventListener('keydown', (e) => {
    if (e.target !== tr) return;
    if (e.key === 'Enter') onOpen(record.id);
    else if (e.key === ' ') {
      e.preventDefault();
      flip();
    }
  });
  tr.addEventListener('dblclick', () => onOpen(record.id));
  return tr;
}

function moveFocus(tbody, e) {
  const rows = [...tbody.rows];
  const at = rows.indexOf(document.activeElement);
  let next = null;
  if (e.key === 'ArrowDown') next = rows[Math.min(rows.length - 1, at + 1)];
  else if (e.key === 'ArrowUp') next = rows[Math.max(0, at - 1)];
  else if (e.key === 'Home') next = rows[0];
  else if (e.key === 'End') next = rows[rows.length - 1];
  if (!next) return;
  e.preventDefault();
  rows.forEach((r) => r.setAttribute('tabindex', '-1'));
  next.setAttribute('tabindex', '0');
  next.focus();
}

/** The table for one page of hits. */
export function resultsTable({ hits, highlights, columns, sort, onSort, onOpen }) {
  const current = parseSort(sort);
  const tbody = h('tbody', { on: { keydown: (e) => moveFocus(tbody, e) } },
    hits.map((r) => row(r, columns, highlights, onOpen)));
  if (tbody.rows.length) tbody.rows[0].setAttribute('tabindex', '0');
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data results', 'aria-describedby': 'results-help' },
      h('caption', { class: 'visually-hidden', id: 'results-help' },
        'Search results. Arrow keys move between rows, Enter opens a record, Space selects it for comparison.'),
      h('thead', null, h('tr', null,
        h('th', { class: 'select', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Compare')),
        columns.map((c) => headerCell(c, current, onSort)))),
      tbody));
}
