// The parts of a record page: params, metrics, properties, tags, code, lineage references, files,
// history and text. Each returns a node, or null when the record has nothing for it.
import { api } from './api.js';
import { h, keyValueTable } from './dom.js';
import { errorBox } from './errors.js';
import { formatNumber, formatTime, formatValue } from './format.js';
import { lineageHash } from './lineage-view.js';

const ROWS = 500;

/** Name/value rows with a filter box once there are many of them. */
function filterableTable(entries, caption, name) {
  const wrap = h('div', null);
  const render = (filter) => {
    const f = filter.toLowerCase();
    const shown = entries.filter(([k, v]) => !f || k.toLowerCase().includes(f) || formatValue(v).toLowerCase().includes(f));
    const rows = shown.slice(0, ROWS).map(([k, v]) => [k, formatValue(v)]);
    const table = keyValueTable(rows, caption);
    wrap.replaceChildren(table, shown.length > ROWS ? h('p', { class: 'notice' }, `${shown.length - ROWS} more; filter to find them.`) : '');
  };
  render('');
  if (entries.length <= 25) return wrap;
  const input = h('input', { type: 'search', placeholder: `Filter ${entries.length} ${name}`, 'aria-label': `Filter ${name}` });
  input.addEventListener('input', () => render(input.value));
  return h('div', null, input, wrap);
}

export function paramsPart(r) {
  const entries = Object.entries(r.params || {});
  if (!entries.length) return null;
  const guessed = r.params_source || {};
  const table = filterableTable(entries, 'Parameters', 'params');
  const notes = Object.keys(guessed).length
    ? h('p', { class: 'notice' }, `Guessed: ${Object.entries(guessed).map(([k, how]) => `${k} (${how})`).join(', ')}`)
    : null;
  return h('div', null, table, notes);
}

export function metricsPart(r) {
  const entries = Object.entries(r.metrics || {});
  if (!entries.length) return null;
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data metrics' },
    h('caption', { class: 'visually-hidden' }, 'Metrics'),
    h('thead', null, h('tr', null,
      ['Metric', 'Last', 'Min', 'Max', 'Steps'].map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
    h('tbody', null, entries.slice(0, ROWS).map(([name, m]) => h('tr', null,
      h('td', { class: 'mono' }, name),
      [m.last, m.min, m.max, m.steps].map((v) => h('td', { class: 'num' }, v === undefined ? '' : formatNumber(v))))))));
}

export function propertiesPart(r) {
  const entries = Object.entries(r.properties || {});
  return entries.length ? filterableTable(entries, 'Properties', 'properties') : null;
}

export function tagsPart(r) {
  const entries = Object.entries(r.tags || {});
  return entries.length ? filterableTable(entries, 'Tags', 'tags') : null;
}

export function codePart(r) {
  const c = r.code || {};
  const rows = [];
  if (c.script) rows.push(['script', c.script]);
  if (c.git_commit) rows.push(['git commit', h('span', { class: 'mono' }, c.git_commit)]);
  if (c.git_branch) rows.push(['git branch', c.git_branch]);
  if (c.git_remote) rows.push(['git remote', c.git_remote]);
  if (c.git_dirty !== undefined) rows.push(['uncommitted changes', c.git_dirty ? 'yes' : 'no']);
  if (c.frameworks?.length) rows.push(['frameworks', c.frameworks.join(', ')]);
  if (c.imports?.length) rows.push(['imports', c.imports.join(', ')]);
  if (c.packages?.length) rows.push(['packages', c.packages.join(', ')]);
  return rows.length ? keyValueTable(rows, 'Code') : null;
}

function refItem(ref) {
  const target = ref.path || ref.ref;
  const extra = [ref.kind, ref.via, ref.hash, ref.uncertain ? 'guessed' : null].filter(Boolean).join(' · ');
  return h('li', null, h('a', { class: 'mono', href: lineageHash(target) }, target), extra ? h('span', { class: 'notice' }, ` ${extra}`) : null);
}

export function lineageRefsPart(r) {
  const inputs = r.lineage?.inputs || [];
  const outputs = r.lineage?.outputs || [];
  if (!inputs.length && !outputs.length) return null;
  return h('div', { class: 'lineage-refs' },
    inputs.length ? [h('h3', null, `Inputs (${inputs.length})`), h('ul', null, inputs.slice(0, ROWS).map(refItem))] : null,
    outputs.length ? [h('h3', null, `Outputs (${outputs.length})`), h('ul', null, outputs.slice(0, ROWS).map(refItem))] : null);
}

export function filesPart(r) {
  const sources = r.sources || [];
  if (!sources.length) return null;
  return h('ul', { class: 'files mono' }, sources.slice(0, ROWS).map((s) => h('li', null, s)),
    sources.length > ROWS ? h('li', null, `… and ${sources.length - ROWS} more`) : null);
}

export function warningsPart(r) {
  const w = r.warnings || [];
  return w.length ? h('ul', { class: 'warnings', role: 'list' }, w.map((x) => h('li', null, x))) : null;
}

export function textPart(r) {
  if (!r.text) return null;
  const shown = r.text.length > 20000 ? `${r.text.slice(0, 20000)}\n…` : r.text;
  return h('details', null, h('summary', null, `Indexed text (${r.text.length.toLocaleString('en')} characters)`), h('pre', { class: 'text' }, shown));
}

function changeList(changes) {
  const items = [];
  for (const [group, label] of [['params', 'param'], ['metrics', 'metric']]) {
    for (const [k, [before, after]] of Object.entries(changes?.[group] || {})) {
      items.push(h('li', null, `${label} `, h('span', { class: 'mono' }, k), `: ${formatValue(before) || '∅'} → ${formatValue(after) || '∅'}`));
    }
  }
  return items.length ? h('ul', null, items) : null;
}

/** Earlier versions of the record, fetched when the reader opens the section. */
export function historyPart(id) {
  const body = h('div', null, h('p', { class: 'notice' }, 'Loading…'));
  const details = h('details', { class: 'history' }, h('summary', null, 'Earlier versions'), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'true';
    try {
      const answer = await api.history(id);
      const versions = answer.versions || [];
      body.replaceChildren(versions.length
        ? h('ol', null, versions.map((v) => h('li', null,
          `Replaced ${formatTime(v.replaced)}${v.crawl ? ` by crawl ${v.crawl}` : ''}`, changeList(v.changes))))
        : h('p', { class: 'notice' }, 'No earlier versions: the record has not changed since it was first indexed.'));
    } catch (e) {
      body.replaceChildren(errorBox(e));
    }
  });
  return details;
}
