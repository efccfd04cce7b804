// Choosing which metric and param columns the result table shows (from the index's field catalog).
import { fieldCatalog } from './api.js';
import { dismissible, h } from './dom.js';
import { errorBox } from './errors.js';

const KEY = 'mlindex.columns';
const LISTED = 300;

/** The columns chosen last time, used when a URL names none. */
export function rememberedColumns() {
  try {
    const cols = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(cols) ? cols.filter((c) => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberColumns(cols) {
  localStorage.setItem(KEY, JSON.stringify(cols));
}

function choosable(field) {
  return /^(metric|param|properties|tag)\./.test(field.name);
}

/** A "Columns" button with its popover; calls onChange with the new list of chosen fields. */
export function columnChooser(chosen, onChange) {
  const button = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'column-chooser' },
    `Columns${chosen.length ? ` (+${chosen.length})` : ''}`);
  const filter = h('input', { type: 'search', placeholder: 'Filter metrics and params', 'aria-label': 'Filter columns' });
  const list = h('ul', { 'aria-label': 'Columns' });
  const note = h('p', { class: 'notice' });
  const panel = h('div', { id: 'column-chooser', class: 'popover column-chooser', role: 'dialog', 'aria-label': 'Choose columns', hidden: true },
    filter, note, list,
    h('div', { class: 'dialog-buttons' },
      h('button', { type: 'button', on: { click: () => onChange([]) } }, 'Reset'),
      h('button', { type: 'button', class: 'primary', on: { click: () => onChange(selection()) } }, 'Apply')));
  const picked = new Set(chosen);
  let fields = [];

  function selection() {
    // keep the order in which they were chosen; new ones go last
    return [...picked];
  }

  function render() {
    const f = filter.value.trim().toLowerCase();
    const matching = fields.filter((x) => !f || x.name.toLowerCase().includes(f));
    note.textContent = matching.length > LISTED
      ? `${matching.length} fields; showing ${LISTED}, filter to find others.`
      : `${matching.length} fields`;
    list.replaceChildren(...matching.slice(0, LISTED).map((x) => {
      const box = h('input', { type: 'checkbox', value: x.name, checked: picked.has(x.name) });
      box.addEventListener('change', () => (box.checked ? picked.add(x.name) : picked.delete(x.name)));
      return h('li', null, h('label', null, box, x.name));
    }));
  }

  filter.addEventListener('input', render);
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onChange(selection());
    }
  });
  dismissible(panel, button);
  button.addEventListener('click', async () => {
    const open = panel.hidden;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) return;
    try {
      fields = (await fieldCatalog()).filter(choosable);
      render();
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
    filter.focus();
  });
  return h('div', { class: 'chooser' }, button, panel);
}
