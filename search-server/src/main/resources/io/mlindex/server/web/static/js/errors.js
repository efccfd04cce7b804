// Showing API failures to the user: the server's message, where a query went wrong, what to do.
import { h } from './dom.js';

/** An alert box for an error; with the query, marks the character at the error's position. */
export function errorBox(error, query) {
  const status = error.status ? ` (HTTP ${error.status})` : '';
  const box = h('div', { class: 'error', role: 'alert' },
    h('strong', null, error.status === 400 ? 'The query cannot be run' : 'Something went wrong'),
    status, ': ', error.message || String(error));
  const p = error.position;
  if (query && p > 0 && p <= query.length + 1) {
    box.append(h('pre', { class: 'query-position', 'aria-label': `position ${p} of the query` },
      query.slice(0, p - 1), h('mark', null, query.charAt(p - 1) || ' '), query.slice(p)));
  }
  if (error.status === 401) {
    box.append(' ', h('button', {
      type: 'button',
      class: 'link',
      on: { click: () => document.dispatchEvent(new CustomEvent('mlindex:ask-token')) },
    }, 'Enter a token'));
  }
  return box;
}

/** Replaces the content of a container with an error box. */
export function showError(container, error, query) {
  container.replaceChildren(errorBox(error, query));
}
