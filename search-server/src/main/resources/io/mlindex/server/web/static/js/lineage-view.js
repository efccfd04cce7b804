// The lineage page (#/lineage/<ref>): where a record, file or hash came from and what came from it,
// as a graph and as a list; and the small neighbourhood graph on a record page.
import { api } from './api.js';
import { h } from './dom.js';
import { errorBox } from './errors.js';
import { lineageGraph } from './lineage-graph.js';

export function lineageHash(ref, options = {}) {
  const params = new URLSearchParams();
  if (options.direction && options.direction !== 'both') params.set('direction', options.direction);
  if (options.depth) params.set('depth', options.depth);
  const query = params.toString();
  return `#/lineage/${encodeURIComponent(ref)}${query ? `?${query}` : ''}`;
}

/** Where a click on a node leads: the record page, or the lineage of the file. */
function openNode(node) {
  location.hash = node.record ? `#/record/${encodeURIComponent(node.id)}` : lineageHash(node.path || node.ref || node.id);
}

function nodeList(answer) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data lineage-nodes' },
    h('caption', { class: 'visually-hidden' }, 'Nodes of the lineage graph'),
    h('thead', null, h('tr', null, ['Name', 'Kind', 'Format', 'Path or reference'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, answer.nodes.map((n) => h('tr', { dataset: { id: n.id } },
      h('td', null, n.record
        ? h('a', { href: `#/record/${encodeURIComponent(n.id)}` }, n.name || n.id)
        : h('a', { href: lineageHash(n.path || n.ref || n.id) }, n.name || n.path || n.id)),
      h('td', null, n.record ? n.kind : 'file'),
      h('td', null, n.format || ''),
      h('td', { class: 'mono hit-path' }, n.path || n.ref || ''))))));
}

function unavailable(e) {
  return e.status === 404 && /no such endpoint/.test(e.message)
    ? h('p', { class: 'notice' }, 'This server does not offer lineage.')
    : errorBox(e);
}

/** The full lineage page. options: {direction, depth}. */
export async function renderLineage(container, ref, options) {
  document.title = `Lineage · ${ref} · mlindex`;
  const direction = options.direction || 'both';
  const depth = options.depth || '';
  const dirSelect = h('select', { id: 'lineage-direction' },
    [['both', 'Up and downstream'], ['up', 'Upstream (where it came from)'], ['down', 'Downstream (what came from it)']]
      .map(([v, t]) => h('option', { value: v, selected: v === direction }, t)));
  const depthSelect = h('select', { id: 'lineage-depth' },
    [['1', '1 step'], ['2', '2 steps'], ['3', '3 steps'], ['', 'All steps']]
      .map(([v, t]) => h('option', { value: v, selected: v === String(depth) }, t)));
  const update = () => {
    location.hash = lineageHash(ref, { direction: dirSelect.value, depth: depthSelect.value });
  };
  dirSelect.addEventListener('change', update);
  depthSelect.addEventListener('change', update);
  const body = h('div', null, h('p', { class: 'notice', role: 'status' }, 'Loading lineage…'));
  const heading = h('h1', { tabindex: '-1' }, 'Lineage');
  const where = h('p', { class: 'mono hit-path' }, ref);
  container.replaceChildren(h('article', { class: 'lineage-page' },
    heading,
    where,
    h('div', { class: 'lineage-controls' },
      h('label', { for: 'lineage-direction' }, 'Direction '), dirSelect,
      h('label', { for: 'lineage-depth' }, 'Depth '), depthSelect),
    body));
  let answer;
  try {
    answer = await api.lineage(ref, { direction, depth: depth || undefined, maxNodes: 500 });
  } catch (e) {
    body.replaceChildren(unavailable(e));
    return;
  }
  const start = answer.nodes.find((n) => n.id === ref || n.path === ref || n.hash === ref);
  if (start) {
    heading.textContent = `Lineage of ${start.name || start.path || start.id}`;
    document.title = `${heading.textContent} · mlindex`;
    if (start.path) where.textContent = start.path;
  }
  body.replaceChildren(
    h('p', { class: 'notice', id: 'lineage-summary' },
      `${answer.nodes.length} nodes, ${answer.edges.length} edges.`,
      answer.truncated ? ' The graph was cut at the node limit; choose fewer steps to see the nearest part.' : ''),
    answer.nodes.length ? h('div', { class: 'graph' }, lineageGraph(answer, { focus: start?.id, onOpen: openNode })) : null,
    h('h2', null, 'Nodes'),
    nodeList(answer));
}

/** The two-step neighbourhood of a record, for its page; nothing when it has no lineage. */
export function lineageNeighbourhood(id) {
  const holder = h('div', { class: 'lineage-neighbourhood' }, h('p', { class: 'notice' }, 'Loading lineage…'));
  api.lineage(id, { depth: 2, maxNodes: 60 }).then((answer) => {
    if (answer.nodes.length <= 1) {
      holder.replaceChildren(h('p', { class: 'notice' }, 'No lineage is known for this record.'));
      return;
    }
    holder.replaceChildren(
      h('div', { class: 'graph embedded' }, lineageGraph(answer, { focus: id, onOpen: openNode })),
      h('p', null, h('a', { href: lineageHash(id) }, `Open the full lineage (${answer.nodes.length}${answer.truncated ? '+' : ''} nodes nearby)`)));
  }).catch((e) => holder.replaceChildren(unavailable(e)));
  return holder;
}
