// Editing query text: escaping field names, adding and removing "field:value" clauses, and finding
// the field name being typed at the caret.

const FIELD_SPECIALS = /[\s\\/:()[\]{}^"~*?!&|+]/g;

/** A field name as the query language needs it written (metric.train/loss -> metric.train\/loss). */
export function escapeField(name) {
  return name.replace(FIELD_SPECIALS, (c) => `\\${c}`);
}

export function unescapeField(text) {
  return text.replace(/\\(.)/g, '$1');
}

/** A value as a query term: bare when it is a simple word, else quoted. */
export function quoteValue(value) {
  const text = String(value);
  return /^[A-Za-z0-9_.]+$/.test(text) ? text : `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

export function clause(field, value) {
  return `${escapeField(field)}:${quoteValue(value)}`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clausePattern(c) {
  return new RegExp(`(^|[\\s(])${escapeRegExp(c)}(?=$|[\\s)])`);
}

/** Whether the query contains the clause as a whole term. */
export function hasClause(query, c) {
  return clausePattern(c).test(query || '');
}

/** The query with the clause ANDed on, or taken away when it is already there. */
export function toggleClause(query, c) {
  const q = (query || '').trim();
  if (hasClause(q, c)) {
    const e = escapeRegExp(c);
    return q
      .replace(new RegExp(`\\s+AND\\s+${e}(?=$|[\\s)])`), '')
      .replace(new RegExp(`(^|[\\s(])${e}\\s+AND\\s+`), '$1')
      .replace(clausePattern(c), '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
  }
  if (!q || q === '*' || q === '*:*') return c;
  // "a OR b" AND c would bind to b only: keep the user's query whole
  const needsGroup = /\sOR\s/.test(q) && !/^\(.*\)$/.test(q);
  return `${needsGroup ? `(${q})` : q} AND ${c}`;
}

/**
 * The field name being typed at the caret, if any: {start, end, prefix}. Nothing while a value is
 * typed (after a colon) or inside quotes.
 */
export function fieldAtCaret(text, caret) {
  const before = text.slice(0, caret);
  if ((before.match(/(^|[^\\])"/g) || []).length % 2 === 1) return null;
  const m = /(^|[\s(])[+\-!]?((?:\\.|[^\s():"\\])*)$/.exec(before);
  if (!m) return null;
  const typed = m[2];
  const start = caret - typed.length;
  let end = caret;
  while (end < text.length && !/[\s():]/.test(text[end])) end++;
  if (text[end] === ':') return null; // the name is complete; the user edits it by hand
  return { start, end, prefix: unescapeField(typed) };
}

/** Field names matching a typed prefix: prefix matches first, then matches of a name part. */
export function matchFields(fields, prefix, limit = 12) {
  const p = prefix.toLowerCase();
  if (!p) return [];
  const starts = [];
  const contains = [];
  for (const f of fields) {
    const name = f.name.toLowerCase();
    if (name === p) continue;
    if (name.startsWith(p)) starts.push(f);
    else if (p.length >= 2 && name.includes(p)) contains.push(f);
    if (starts.length >= limit) break;
  }
  return starts.concat(contains).slice(0, limit);
}
