// Facet filters beside the results: counts per kind, format, framework and experiment. Choosing a
// value ANDs "field:value" onto the query; choosing it again takes the clause away.
import { h } from './dom.js';
import { clause, hasClause, toggleClause } from './query-text.js';

export const FACETS = [
  ['kind', 'Kind'],
  ['format', 'Format'],
  ['framework', 'Framework'],
  ['experiment', 'Experiment'],
];

const SHOWN = 8;

function group(field, title, counts, query, onQuery) {
  const entries = Object.entries(counts || {});
  if (entries.length === 0) return null;
  const list = h('ul', null);
  const render = (all) => {
    list.replaceChildren(...entries.slice(0, all ? entries.length : SHOWN).map(([value, count]) => {
      const c = clause(field, value);
      const on = hasClause(query, c);
      return h('li', null, h('button', {
        type: 'button',
        'aria-pressed': String(on),
        title: on ? `Remove ${c} from the query` : `Add ${c} to the query`,
        dataset: { facet: field, value },
        on: { click: () => onQuery(toggleClause(query, c)) },
      }, h('span', { class: 'label' }, value), h('span', { class: 'count' }, count.toLocaleString('en'))));
    }));
  };
  render(false);
  const more = entries.length > SHOWN
    ? h('button', {
      type: 'button',
      class: 'link',
      on: {
        click: (e) => {
          render(true);
          e.target.remove();
        },
      },
    }, `Show all ${entries.length}`)
    : null;
  const id = `facet-${field}`;
  return h('div', { role: 'group', 'aria-labelledby': id }, h('h2', { id }, title), list, more);
}

/** The filter panel for a search answer's facets. */
export function facetPanel(facets, query, onQuery) {
  const groups = FACETS.map(([field, title]) => group(field, title, facets?.[field], query, onQuery)).filter(Boolean);
  return h('aside', { class: 'facets', 'aria-label': 'Filters' }, groups.length ? groups : h('p', { class: 'notice' }, 'No filters for these results.'));
}
