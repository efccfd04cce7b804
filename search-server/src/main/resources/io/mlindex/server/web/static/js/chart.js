// A small SVG line chart: one or more series over steps, nice ticks, gaps at non-finite values, a
// legend for several series and a readout of the values under the pointer.
import { h, svg } from './dom.js';
import { formatNumber } from './format.js';

const W = 480;
const H = 220;
const PAD = { left: 56, right: 12, top: 10, bottom: 26 };
export const PALETTE_SIZE = 8;

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function extent(series) {
  let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      x0 = Math.min(x0, s.steps[i]); x1 = Math.max(x1, s.steps[i]);
      y0 = Math.min(y0, v); y1 = Math.max(y1, v);
    });
  }
  if (x0 === Infinity) return null;
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { const d = Math.abs(y0) * 0.05 || 1; y0 -= d; y1 += d; }
  return { x0, x1, y0, y1 };
}

function pathOf(s, x, y) {
  let d = '';
  let pen = false;
  s.values.forEach((v, i) => {
    if (!Number.isFinite(v)) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(s.steps[i]).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** Index of the point whose step is nearest to `step` (steps ascending). */
function nearest(steps, step) {
  let lo = 0; let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1; else hi = mid;
  }
  return lo > 0 && step - steps[lo - 1] < steps[lo] - step ? lo - 1 : lo;
}

/**
 * A chart figure. series: [{label, steps: number[], values: (number|string)[]}]; values such as
 * "NaN" are gaps. note: optional text under the chart (for example "downsampled").
 */
export function lineChart({ title, series, note }) {
  const clean = series.map((s) => ({ label: s.label, steps: s.steps.map(Number), values: s.values.map(Number) }));
  const box = extent(clean);
  const figure = h('figure', { class: 'chart', dataset: { metric: title } }, h('figcaption', null, title));
  if (!box) {
    figure.append(h('p', { class: 'notice' }, 'No finite values to plot.'));
    return figure;
  }
  const x = (v) => PAD.left + ((v - box.x0) / (box.x1 - box.x0)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - box.y0) / (box.y1 - box.y0)) * (H - PAD.top - PAD.bottom);
  const label = `${title}: ${clean.map((s) => `${s.label ? `${s.label}, ` : ''}${s.steps.length} points`).join('; ')}`;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet' });
  for (const t of niceTicks(box.y0, box.y1)) {
    chart.append(svg('line', { class: 'grid', x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t) }),
      svg('text', { x: PAD.left - 6, y: y(t) + 3, 'text-anchor': 'end' }, formatNumber(t)));
  }
  for (const t of niceTicks(box.x0, box.x1, 6)) {
    chart.append(svg('text', { x: x(t), y: H - PAD.bottom + 14, 'text-anchor': 'middle' }, formatNumber(t)));
  }
  chart.append(
    svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }),
    svg('line', { class: 'axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom }),
    svg('text', { x: W - PAD.right, y: H - 2, 'text-anchor': 'end' }, 'step'));
  clean.forEach((s, i) => {
    const cls = `c${i % PALETTE_SIZE}`;
    const finite = s.values.filter(Number.isFinite).length;
    if (finite === 1) {
      const at = s.values.findIndex(Number.isFinite);
      chart.append(svg('circle', { class: cls, cx: x(s.steps[at]), cy: y(s.values[at]), r: 3 }));
    } else {
      chart.append(svg('path', { class: `line ${cls}`, d: pathOf(s, x, y) }, svg('title', null, s.label || title)));
    }
  });
  const rule = svg('line', { class: 'rule', y1: PAD.top, y2: H - PAD.bottom, visibility: 'hidden' });
  const readout = h('div', { class: 'readout', 'aria-hidden': 'true' });
  chart.append(rule);
  chart.addEventListener('pointermove', (e) => {
    const rect = chart.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * W;
    if (px < PAD.left || px > W - PAD.right) return;
    const step = box.x0 + ((px - PAD.left) / (W - PAD.left - PAD.right)) * (box.x1 - box.x0);
    const parts = clean.filter((s) => s.steps.length).map((s) => {
      const i = nearest(s.steps, step);
      return `${s.label ? `${s.label} ` : ''}${formatNumber(s.values[i])} @${s.steps[i]}`;
    });
    rule.setAttribute('x1', px);
    rule.setAttribute('x2', px);
    rule.setAttribute('visibility', 'visible');
    readout.textContent = parts.join(' · ');
  });
  chart.addEventListener('pointerleave', () => {
    rule.setAttribute('visibility', 'hidden');
    readout.textContent = '';
  });
  figure.append(chart, readout);
  if (clean.length > 1 || clean[0].label) {
    figure.append(h('ul', { class: 'legend' }, clean.map((s, i) =>
      h('li', null, h('span', { class: `swatch c${i % PALETTE_SIZE}` }), s.label))));
  }
  if (note) figure.append(h('div', { class: 'note' }, note));
  return figure;
}
