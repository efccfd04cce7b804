// Grids of metric charts for the record page (one series per chart) and the compare view (one line
// per record). Series come from /api/records/{id}/series; only the first few charts load at once.
import { api } from './api.js';
import { h } from './dom.js';
import { lineChart } from './chart.js';

const FIRST = 12;

/** Metric names of a record that have a series worth drawing (more than one logged value). */
export function chartableMetrics(record) {
  return Object.entries(record.metrics || {}).filter(([, m]) => (m.steps || 0) > 1).map(([name]) => name);
}

async function seriesOrNull(id, metric) {
  try {
    return await api.series(id, metric);
  } catch (e) {
    if (e.status === 404) return null; // this record kept no points for that metric
    throw e;
  }
}

async function drawOne(slot, spec) {
  try {
    const found = (await Promise.all(spec.lines.map(async (l) => ({ line: l, s: await seriesOrNull(l.id, spec.metric) }))))
      .filter((x) => x.s && x.s.steps?.length);
    if (found.length === 0) {
      slot.replaceWith(h('figure', { class: 'chart', dataset: { metric: spec.metric } },
        h('figcaption', null, spec.metric), h('p', { class: 'notice' }, 'No series stored for this metric.')));
      return;
    }
    const thinned = found.some((x) => x.s.downsampled);
    slot.replaceWith(lineChart({
      title: spec.metric,
      series: found.map((x) => ({ label: x.line.label, steps: x.s.steps, values: x.s.values })),
      note: thinned ? 'Downsampled for display.' : null,
    }));
  } catch (e) {
    slot.replaceWith(h('figure', { class: 'chart' }, h('figcaption', null, spec.metric),
      h('p', { class: 'error', role: 'alert' }, e.message)));
  }
}

/**
 * A grid of charts. specs: [{metric, lines: [{id, label}]}]. The first charts load right away, the
 * others when asked for, so a record with hundreds of metrics stays quick.
 */
export function chartGrid(specs) {
  const grid = h('div', { class: 'charts' });
  const load = (list) => {
    for (const spec of list) {
      const slot = h('figure', { class: 'chart loading', 'aria-busy': 'true' }, h('figcaption', null, spec.metric),
        h('p', { class: 'notice' }, 'Loading…'));
      grid.append(slot);
      drawOne(slot, spec);
    }
  };
  load(specs.slice(0, FIRST));
  const wrap = h('div', null, grid);
  if (specs.length > FIRST) {
    const more = h('button', { type: 'button' }, `Show ${specs.length - FIRST} more charts`);
    more.addEventListener('click', () => {
      more.remove();
      load(specs.slice(FIRST));
    });
    wrap.append(more);
  }
  return wrap;
}
