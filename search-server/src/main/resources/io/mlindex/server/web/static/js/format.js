// Turning record values into text, and server-made snippets into safe nodes.
import { h } from './dom.js';

/** A number for humans: integers as they are, others to 4 significant digits. */
export function formatNumber(value) {
  if (typeof value === 'string') return value; // "NaN", "Infinity" as the record JSON writes them
  if (typeof value !== 'number') return '';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

/** Any param/property/tag value as text. */
export function formatValue(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** ISO instant as "2024-05-01 12:30" (UTC, so every viewer sees the same text). */
export function formatTime(iso) {
  if (!iso) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export function formatBytes(n) {
  if (typeof n !== 'number') return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** The value of a column ("name", "metric.val_acc", "param.lr", "properties.opset") for a record. */
export function cellValue(record, column) {
  if (column.startsWith('metric.')) return record.metrics?.[column.slice(7)]?.last;
  if (column.startsWith('param.')) return record.params?.[column.slice(6)];
  if (column.startsWith('properties.')) return record.properties?.[column.slice(11)];
  if (column.startsWith('tag.')) return record.tags?.[column.slice(4)];
  if (column.startsWith('time.')) return formatTime(record.time?.[column.slice(5)]);
  if (column === 'framework') return record.code?.frameworks;
  return record[column];
}

/**
 * A highlighted snippet from the server ("...<mark>resnet</mark>...", otherwise HTML-escaped) as
 * nodes. It is parsed into an inert document and only text and <mark> survive, so even a
 * misbehaving server cannot inject markup.
 */
export function snippetNodes(html) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = [];
  for (const node of doc.body.childNodes) {
    if (node.nodeName === 'MARK') out.push(h('mark', null, node.textContent));
    else out.push(node.textContent);
  }
  return out;
}

/** A record's display name. */
export function recordName(r) {
  return r.name || (r.path ? r.path.split('/').filter(Boolean).pop() : r.id) || r.id;
}
