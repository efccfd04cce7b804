// Building DOM nodes without innerHTML: every text goes in as a text node, so record data can never
// become markup. Listeners are attached with addEventListener (the CSP forbids inline handlers).

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** An HTML element: h('a', {href: '#', on: {click: fn}}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  appendAll(el, children);
  return el;
}

/** An SVG element, same calling convention as h(). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  appendAll(el, children);
  return el;
}

/** A two-column table of name/value rows; values may be nodes. */
export function keyValueTable(rows, caption) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data kv' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('tbody', null, rows.map(([k, v]) => h('tr', null, h('td', null, k), h('td', null, v))))));
}

/** A section with a heading, or nothing when it has no content. */
export function section(title, content, { wide = false, id } = {}) {
  if (!content) return null;
  return h('section', { class: wide ? 'wide' : null, id, 'aria-label': title }, h('h2', null, title), content);
}

/** Elements with class "popover" close on Escape and on a click elsewhere. */
export function dismissible(popover, toggle, onClose) {
  const close = () => {
    if (popover.hidden) return;
    popover.hidden = true;
    toggle?.setAttribute('aria-expanded', 'false');
    onClose?.();
  };
  const outside = (e) => {
    if (!popover.isConnected) {
      document.removeEventListener('click', outside); // its view was replaced
    } else if (!popover.contains(e.target) && !toggle?.contains(e.target)) {
      close();
    }
  };
  document.addEventListener('click', outside);
  popover.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      toggle?.focus();
    }
  });
  return close;
}
