// Small DOM and formatting helpers: every element is built with h(), never from HTML strings.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function link(href, props, ...children) {
  return h('a', { href, 'data-link': true, ...props }, ...children);
}

export function formatLatency(ms) {
  if (ms == null) return '—';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60000);
  return `${minutes}m ${Math.round((ms % 60000) / 1000)}s`;
}

export function formatTokens(n) {
  return n ? n.toLocaleString('en-US') : '—';
}

export function formatCost(cost) {
  if (cost == null) return '—';
  if (cost === 0) return '$0';
  if (cost < 0.01) return `$${cost.toPrecision(2)}`;
  return `$${cost.toFixed(cost < 100 ? 4 : 2)}`;
}

export function formatAgo(iso) {
  const then = Date.parse(iso);
  const seconds = Math.round((Date.now() - then) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return formatTime(iso);
}

export function formatTime(iso) {
  const date = new Date(iso);
  const year = date.getFullYear() !== new Date().getFullYear() ? 'numeric' : undefined;
  return date.toLocaleString('en-US', {
    year, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

export function callName(call) {
  return call.display_name || call.op_name || '(unnamed)';
}

export function statusBadge(status) {
  const ok = status !== 'error';
  return h('span', { class: `status ${ok ? 'ok' : 'error'}`, title: status },
    ok ? '✓' : '✕', h('span', { class: 'status-text' }, ok ? 'Success' : 'Error'));
}

export function kindBadge(kind) {
  return kind ? h('span', { class: `kind kind-${kind}` }, kind) : null;
}
