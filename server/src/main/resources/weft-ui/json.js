// A collapsible JSON viewer built on <details>: objects and arrays fold, long text wraps.
import { h } from './dom.js';

const MAX_ITEMS = 200;

export function jsonView(value, { openDepth = 2 } = {}) {
  return h('div', { class: 'json' }, node(value, 0, openDepth));
}

function node(value, depth, openDepth) {
  if (value === null || value === undefined) return h('span', { class: 'j-null' }, 'null');
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return h('span', { class: 'j-num' }, String(value));
  if (typeof value === 'boolean') return h('span', { class: 'j-bool' }, String(value));
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
  if (!entries.length) return h('span', { class: 'j-empty' }, isArray ? '[]' : '{}');
  const summary = isArray ? `[${entries.length} item${entries.length === 1 ? '' : 's'}]` : `{${entries.length} key${entries.length === 1 ? '' : 's'}}`;
  const shown = entries.slice(0, MAX_ITEMS);
  return h('details', { class: 'j-fold', open: depth < openDepth },
    h('summary', null, h('span', { class: 'j-summary' }, summary)),
    h('div', { class: 'j-items' },
      shown.map(([key, v]) => h('div', { class: 'j-row' },
        h('span', { class: isArray ? 'j-index' : 'j-key' }, isArray ? `${key}` : key), h('span', { class: 'j-colon' }, ': '),
        node(v, depth + 1, openDepth))),
      entries.length > MAX_ITEMS ? h('div', { class: 'muted' }, `… ${entries.length - MAX_ITEMS} more`) : null));
}

function text(value) {
  if (value.length > 160 || value.includes('\n')) {
    return h('div', { class: 'j-str j-long' }, value);
  }
  return h('span', { class: 'j-str' }, JSON.stringify(value));
}
