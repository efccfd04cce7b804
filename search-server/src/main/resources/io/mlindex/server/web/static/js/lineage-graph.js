// Drawing a lineage answer ({nodes, edges}) as a left-to-right layered graph: data flows from
// inputs on the left through runs to outputs on the right. A simple Sugiyama-style layout: break
// cycles, rank by longest path, order each layer by the barycentre of its neighbours.
import { svg } from './dom.js';

const NODE_W = 176;
const NODE_H = 38;
const GAP_X = 56;
const GAP_Y = 14;
const PAD = 10;
let graphs = 0;

function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Ranks (layer numbers) of the nodes; edges that close a cycle are ignored. */
function ranks(ids, out) {
  const state = new Map(); // 1 = on the DFS stack, 2 = done
  const dagOut = new Map(ids.map((id) => [id, []]));
  const visit = (start) => {
    const stack = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (!state.has(next)) {
        dagOut.get(top[0]).push(next);
        state.set(next, 1);
        stack.push([next, 0]);
      } else if (state.get(next) === 2) {
        dagOut.get(top[0]).push(next);
      } // else a back edge: skipped for ranking
    }
  };
  ids.forEach((id) => state.has(id) || visit(id));
  const indegree = new Map(ids.map((id) => [id, 0]));
  dagOut.forEach((targets) => targets.forEach((t) => indegree.set(t, indegree.get(t) + 1)));
  const rank = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  while (queue.length) {
    const id = queue.shift();
    for (const t of dagOut.get(id)) {
      rank.set(t, Math.max(rank.get(t), rank.get(id) + 1));
      indegree.set(t, indegree.get(t) - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  return rank;
}

/** Layers of node ids, each ordered to reduce crossings. */
function layers(ids, rank, out, inn) {
  const count = Math.max(0, ...rank.values()) + 1;
  const layered = Array.from({ length: count }, () => []);
  ids.forEach((id) => layered[rank.get(id)].push(id));
  const position = new Map();
  const index = () => layered.forEach((layer) => layer.forEach((id, i) => position.set(id, i)));
  index();
  const sweep = (order, neighbours) => {
    for (const l of order) {
      const centre = (id) => {
        const ps = neighbours.get(id).filter((n) => position.has(n) && rank.get(n) !== l).map((n) => position.get(n));
        return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : position.get(id);
      };
      const keyed = layered[l].map((id) => [centre(id), id]);
      keyed.sort((a, b) => a[0] - b[0]);
      layered[l] = keyed.map(([, id]) => id);
      layered[l].forEach((id, i) => position.set(id, i));
    }
  };
  const down = [...Array(count).keys()];
  const up = [...down].reverse();
  for (let i = 0; i < 3; i++) {
    sweep(down.slice(1), inn);
    sweep(up.slice(1), out);
  }
  return layered;
}

/** The node's two text lines: its name, then what it is. */
function labels(node) {
  const name = node.name || node.path?.split('/').filter(Boolean).pop() || node.ref || node.id;
  const what = node.record ? [node.kind, node.format].filter(Boolean).join(' · ') : (node.hash ? node.hash.slice(0, 18) : 'not indexed');
  return [shorten(name, 26), shorten(what, 30)];
}

/**
 * An SVG of the graph. focus: the id to emphasise; onOpen(node): called on click or Enter.
 */
export function lineageGraph({ nodes, edges }, { focus, onOpen } = {}) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ids = nodes.map((n) => n.id);
  const out = new Map(ids.map((id) => [id, []]));
  const inn = new Map(ids.map((id) => [id, []]));
  const drawn = edges.filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to);
  drawn.forEach((e) => {
    out.get(e.from).push(e.to);
    inn.get(e.to).push(e.from);
  });
  const rank = ranks(ids, out);
  const layered = layers(ids, rank, out, inn);
  const tallest = Math.max(1, ...layered.map((l) => l.length));
  const width = PAD * 2 + layered.length * NODE_W + (layered.length - 1) * GAP_X;
  const height = PAD * 2 + tallest * NODE_H + (tallest - 1) * GAP_Y;
  const at = new Map();
  layered.forEach((layer, l) => {
    const shift = ((tallest - layer.length) * (NODE_H + GAP_Y)) / 2;
    layer.forEach((id, i) => at.set(id, { x: PAD + l * (NODE_W + GAP_X), y: PAD + shift + i * (NODE_H + GAP_Y) }));
  });

  const arrow = `lineage-arrow-${++graphs}`;
  const root = svg('svg', {
    class: 'lineage', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'group', 'aria-label': `Lineage graph: ${nodes.length} nodes, ${drawn.length} edges`,
  }, svg('defs', null, svg('marker', {
    id: arrow, viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto',
  }, svg('path', { class: 'arrow', d: 'M0,0L8,4L0,8z' }))));

  for (const e of drawn) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    const x1 = a.x + NODE_W; const y1 = a.y + NODE_H / 2;
    const x2 = b.x; const y2 = b.y + NODE_H / 2;
    const bend = Math.max(30, Math.abs(x2 - x1) / 2);
    const evidence = e.evidence ? ` (${[e.evidence.field, e.evidence.via].filter(Boolean).join(', ')})` : '';
    root.append(svg('path', {
      class: `edge${e.uncertain ? ' uncertain' : ''}`,
      d: `M${x1},${y1}C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
      'marker-end': `url(#${arrow})`,
      dataset: { relation: e.relation || '' },
    }, svg('title', null, `${e.relation || 'related'}${evidence}`)));
  }

  for (const id of ids) {
    const node = byId.get(id);
    const p = at.get(id);
    const [line1, line2] = labels(node);
    const classes = ['node', `kind-${node.kind || 'artifact'}`, node.record ? 'record' : 'artifact', id === focus ? 'focus' : ''];
    const g = svg('g', {
      class: classes.join(' ').trim(),
      transform: `translate(${p.x},${p.y})`,
      tabindex: '0',
      role: 'link',
      'aria-label': `${node.name || node.path || id} (${node.record ? node.kind : 'file'})`,
      dataset: { id },
    },
    svg('title', null, [node.path || node.ref || id, node.hash].filter(Boolean).join('\n')),
    svg('rect', { width: NODE_W, height: NODE_H, rx: 5 }),
    svg('text', { x: 8, y: 15 }, line1),
    svg('text', { x: 8, y: 30, class: 'sub' }, line2));
    if (onOpen) {
      g.addEventListener('click', () => onOpen(node));
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(node);
        }
      });
    }
    root.append(g);
  }
  return root;
}
