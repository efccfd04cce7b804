// The search box in the top bar: field-name completion (an ARIA combobox over /api/fields) and the
// query syntax help popover.
import { fieldCatalog } from './api.js';
import { dismissible, h } from './dom.js';
import { escapeField, fieldAtCaret, matchFields } from './query-text.js';

export function initQueryBox({ form, input, list, helpButton, help, onSearch }) {
  let items = [];
  let matches = [];
  let active = -1;
  let fields = [];
  let target = null;

  const load = () => fieldCatalog().then((f) => {
    fields = f;
    if (document.activeElement === input && input.value) suggest(); // typed before the catalog came
  }).catch(() => { fields = []; });
  document.addEventListener('mlindex:token-changed', load);

  function close() {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(i) {
    active = i;
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function accept(field) {
    const text = `${escapeField(field.name)}:`;
    input.value = input.value.slice(0, target.start) + text + input.value.slice(target.end);
    const caret = target.start + text.length;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
  }

  function suggest() {
    target = fieldAtCaret(input.value, input.selectionStart ?? input.value.length);
    matches = target ? matchFields(fields, target.prefix) : [];
    if (matches.length === 0) {
      close();
      return;
    }
    items = matches.map((f, i) => h('li', {
      id: `q-suggestion-${i}`,
      role: 'option',
      'aria-selected': 'false',
      on: {
        mousedown: (e) => {
          e.preventDefault(); // keep the focus in the input
          accept(f);
        },
      },
    }, h('span', { class: 'mono' }, f.name), h('span', { class: 'type' }, f.type)));
    list.replaceChildren(...items);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
  }

  input.addEventListener('input', suggest);
  load();
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (e) => {
    if (list.hidden) {
      if (e.key === 'ArrowDown' && e.altKey) suggest();
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      let next = active + (e.key === 'ArrowDown' ? 1 : -1);
      if (next >= items.length) next = -1;
      else if (next < -1) next = items.length - 1;
      highlight(next);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) {
      e.preventDefault();
      accept(matches[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    close();
    onSearch(input.value.trim());
  });

  const closeHelp = dismissible(help, helpButton);
  helpButton.addEventListener('click', () => {
    const open = help.hidden;
    help.hidden = !open;
    helpButton.setAttribute('aria-expanded', String(open));
    if (open) help.querySelector('button')?.focus();
  });
  help.addEventListener('click', (e) => {
    const example = e.target.closest('button.example');
    if (!example) return;
    input.value = example.dataset.query;
    closeHelp();
    onSearch(input.value);
  });

  return {
    setQuery(q) {
      input.value = q;
    },
    /** Puts the caret on the character a query error points at. */
    markPosition(position) {
      if (position > 0) {
        input.focus();
        input.setSelectionRange(position - 1, Math.min(position, input.value.length));
      }
    },
  };
}
