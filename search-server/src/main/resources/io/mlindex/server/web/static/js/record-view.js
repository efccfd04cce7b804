// The record page (#/record/<id>): what a record is, its params, metrics with a chart per series,
// code, tags, warnings, files, lineage neighbourhood and history.
import { api } from './api.js';
import { h, section } from './dom.js';
import { errorBox } from './errors.js';
import { formatBytes, formatTime, recordName } from './format.js';
import { lineageHash, lineageNeighbourhood } from './lineage-view.js';
import { chartGrid, chartableMetrics } from './metric-charts.js';
import {
  codePart, filesPart, historyPart, lineageRefsPart, metricsPart, paramsPart, propertiesPart,
  tagsPart, textPart, warningsPart,
} from './record-sections.js';
import { isSelected, toggle } from './selection.js';

function facts(r) {
  const rows = [
    ['Path', r.path],
    ['Experiment', r.experiment],
    ['Started', formatTime(r.time?.start)],
    ['Ended', formatTime(r.time?.end)],
    ['Modified', formatTime(r.time?.modified)],
    ['Size', formatBytes(r.size)],
    ['Hash', r.hash],
    ['Root', r.root],
    ['Id', r.id],
  ].filter(([, v]) => v);
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', { class: k === 'Hash' || k === 'Id' ? 'mono' : null }, v)]));
}

function compareButton(r) {
  const label = () => (isSelected(r.id) ? 'Remove from comparison' : 'Add to comparison');
  const button = h('button', { type: 'button', 'aria-pressed': String(isSelected(r.id)) }, label());
  button.addEventListener('click', () => {
    toggle(r.id, recordName(r));
    button.textContent = label();
    button.setAttribute('aria-pressed', String(isSelected(r.id)));
  });
  return button;
}

function header(r, backHref) {
  return h('div', { class: 'record-head' },
    h('div', null,
      h('h1', { tabindex: '-1' }, recordName(r)),
      h('span', { class: 'badge' }, r.kind), ' ', h('span', { class: 'badge' }, r.format)),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: backHref }, 'Back to results'),
      compareButton(r),
      h('a', { class: 'button', href: lineageHash(r.id) }, 'Lineage')));
}

/** Renders the page of one record. backHref: where "Back to results" leads. */
export async function renderRecord(container, id, backHref) {
  container.replaceChildren(h('p', { class: 'notice', role: 'status' }, 'Loading record…'));
  let r;
  try {
    r = await api.record(id);
  } catch (e) {
    container.replaceChildren(errorBox(e), h('p', null, h('a', { href: backHref }, 'Back to results')));
    return;
  }
  document.title = `${recordName(r)} · mlindex`;
  const charts = chartableMetrics(r);
  container.replaceChildren(h('article', { class: 'record', dataset: { id: r.id } },
    header(r, backHref),
    facts(r),
    section('Warnings', warningsPart(r), { id: 'warnings' }),
    h('div', { class: 'sections' },
      section('Metrics', metricsPart(r), { id: 'metrics' }),
      section('Parameters', paramsPart(r), { id: 'params' }),
      charts.length
        ? section('Charts', chartGrid(charts.map((m) => ({ metric: m, lines: [{ id: r.id, label: '' }] }))), { wide: true, id: 'charts' })
        : null,
      section('Code', codePart(r), { id: 'code' }),
      section('Properties', propertiesPart(r), { id: 'properties' }),
      section('Tags', tagsPart(r), { id: 'tags' }),
      section('Lineage', h('div', null, lineageNeighbourhood(r.id), lineageRefsPart(r)), { wide: true, id: 'lineage' }),
      section('Files', filesPart(r), { id: 'files' }),
      section('History', historyPart(r.id), { id: 'history' }),
      section('Text', textPart(r), { wide: true, id: 'text' }))));
}
