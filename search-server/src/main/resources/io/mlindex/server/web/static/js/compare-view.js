// The compare view (#/compare/<id>,<id>,...): params and metrics side by side with the params that
// differ highlighted, and each metric's series overlaid in one chart.
import { api } from './api.js';
import { h, section } from './dom.js';
import { errorBox } from './errors.js';
import { formatValue } from './format.js';
import { chartGrid, chartableMetrics } from './metric-charts.js';
import { clearSelection, MAX_COMPARE } from './selection.js';

function valueCell(v) {
  return v === null || v === undefined ? h('td', { class: 'missing' }, '—') : h('td', null, formatValue(v));
}

function rows(values, differing, onlyDiffering) {
  return Object.entries(values || {})
    .filter(([name]) => !onlyDiffering || differing.has(name))
    .map(([name, vs]) => h('tr', { class: differing.has(name) ? 'differs' : null, dataset: { name } },
      h('th', { scope: 'row', class: 'mono' }, name, differing.has(name) ? h('span', { class: 'visually-hidden' }, ' (differs)') : null),
      vs.map(valueCell)));
}

function table(answer, onlyDiffering) {
  const differing = new Set(answer.differing_params || []);
  const head = h('tr', null, h('th', { scope: 'col' }, 'Record'), answer.records.map((r) => h('th', { scope: 'col' },
    h('a', { href: `#/record/${encodeURIComponent(r.id)}` }, r.name || r.id),
    h('div', null, h('span', { class: 'badge' }, r.kind), ' ', h('span', { class: 'badge' }, r.format)))));
  const group = (title) => h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: answer.records.length + 1 }, title));
  const paramRows = rows(answer.params, differing, onlyDiffering);
  const metricRows = rows(answer.metrics, new Set(), false); // metrics nearly always differ: no highlight
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data compare' },
    h('caption', { class: 'visually-hidden' }, 'Params and metrics of the compared records; rows whose values differ are highlighted'),
    h('thead', null, head),
    h('tbody', { class: 'params' }, group(`Parameters (${differing.size} differ)`),
      paramRows.length ? paramRows : h('tr', null, h('td', { colspan: answer.records.length + 1, class: 'notice' }, 'No params.'))),
    h('tbody', { class: 'metrics' }, group('Metrics (last values)'),
      metricRows.length ? metricRows : h('tr', null, h('td', { colspan: answer.records.length + 1, class: 'notice' }, 'No metrics.')))));
}

/** Overlaid charts: for each metric with a series in some record, one line per such record. */
async function overlaidCharts(answer) {
  const records = await Promise.all(answer.records.map((r) => api.record(r.id).catch(() => null)));
  const byMetric = new Map();
  records.forEach((rec, i) => {
    if (!rec) return;
    const label = answer.records[i].name || rec.id;
    for (const m of chartableMetrics(rec)) {
      if (!byMetric.has(m)) byMetric.set(m, []);
      byMetric.get(m).push({ id: rec.id, label });
    }
  });
  const specs = [...byMetric.entries()].map(([metric, lines]) => ({ metric, lines }));
  return specs.length ? chartGrid(specs) : h('p', { class: 'notice' }, 'None of these records has a metric series.');
}

/** Renders the comparison of the given record ids. */
export async function renderCompare(container, ids) {
  document.title = 'Compare · mlindex';
  if (ids.length < 2) {
    container.replaceChildren(h('h1', null, 'Compare'),
      h('p', null, `Select 2 to ${MAX_COMPARE} records in the results (the boxes on the left), then choose Compare.`),
      h('p', null, h('a', { href: './' }, 'Back to search')));
    return;
  }
  container.replaceChildren(h('p', { class: 'notice', role: 'status' }, 'Comparing…'));
  let answer;
  try {
    answer = await api.compare(ids);
  } catch (e) {
    container.replaceChildren(errorBox(e));
    return;
  }
  const only = h('input', { type: 'checkbox', id: 'only-differing' });
  const tableHolder = h('div', null, table(answer, false));
  only.addEventListener('change', () => tableHolder.replaceChildren(table(answer, only.checked)));
  const clear = h('button', { type: 'button' }, 'Clear selection');
  clear.addEventListener('click', () => {
    clearSelection();
    clear.disabled = true;
  });
  const charts = h('div', null, h('p', { class: 'notice' }, 'Loading series…'));
  container.replaceChildren(h('article', { class: 'compare-page' },
    h('h1', { tabindex: '-1' }, `Compare ${answer.records.length} records`),
    h('div', { class: 'toolbar' }, h('label', null, only, ' Only params that differ'), clear),
    tableHolder,
    section('Metric charts', charts, { id: 'compare-charts' })));
  try {
    charts.replaceChildren(await overlaidCharts(answer));
  } catch (e) {
    charts.replaceChildren(errorBox(e));
  }
}
