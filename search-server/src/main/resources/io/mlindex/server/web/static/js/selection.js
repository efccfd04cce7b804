// The records chosen for comparison, kept per browser tab so they survive paging and navigation.

const KEY = 'mlindex.compare';
export const MAX_COMPARE = 20;
const listeners = new Set();

/** [{id, name}] in the order they were chosen. */
export function selected() {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((x) => x && typeof x.id === 'string') : [];
  } catch {
    return [];
  }
}

function save(list) {
  sessionStorage.setItem(KEY, JSON.stringify(list));
  for (const fn of listeners) fn(list);
}

export function isSelected(id) {
  return selected().some((x) => x.id === id);
}

/** Adds or removes a record; returns whether it is selected afterwards. */
export function toggle(id, name) {
  const list = selected();
  const at = list.findIndex((x) => x.id === id);
  if (at >= 0) {
    list.splice(at, 1);
  } else if (list.length < MAX_COMPARE) {
    list.push({ id, name });
  } else {
    return false;
  }
  save(list);
  return at < 0;
}

export function clearSelection() {
  save([]);
}

export function onSelectionChange(fn) {
  listeners.add(fn);
}

/** The URL fragment of the compare view for some ids. */
export function compareHash(ids) {
  return `#/compare/${ids.map(encodeURIComponent).join(',')}`;
}
