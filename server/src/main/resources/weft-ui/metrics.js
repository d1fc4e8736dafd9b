// Evaluation summaries and scores as Weave shows them: metric paths (exact_match.mean) and their values.
import { h } from './dom.js';

// Every numeric or boolean leaf of a summary, in order: [['exact_match.mean', 0.67], ...].
export function leaves(value, prefix = '') {
  if (typeof value === 'number') return [[prefix, value]];
  if (typeof value === 'boolean') return [[prefix, value ? 1 : 0]];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => leaves(v, prefix ? `${prefix}.${key}` : key));
}

export function formatMetric(value, path = '') {
  if (value == null) return '—';
  if (path.startsWith('model_latency')) return `${value.toFixed(value < 10 ? 3 : 1)} s`;
  if (path.endsWith('count')) return value.toLocaleString('en-US');
  return value.toFixed(4);
}

// A row's scores as small badges: "exact_match 1", "correct ✓".
export function scoreBadges(scores) {
  const raw = Object.entries(scores || {});
  if (!raw.length) return h('span', { class: 'muted' }, '—');
  return h('span', { class: 'scores' }, raw.map(([name, value]) => {
    const good = value === true || value === 1 || (typeof value === 'number' && value >= 1);
    const bad = value === false || value === 0;
    const text = typeof value === 'boolean' ? (value ? '✓' : '✕') : typeof value === 'number' ? formatMetric(value)
      : leaves(value).map(([p, v]) => `${p} ${formatMetric(v)}`).join(', ');
    return h('span', { class: `score${good ? ' good' : bad ? ' bad' : ''}`, dataset: { scorer: name } }, `${name} `, h('b', null, text));
  }));
}

// The index of the best value among values (null when none or all equal).
export function bestIndex(values, minimize) {
  let best = null;
  values.forEach((v, i) => {
    if (v == null) return;
    if (best == null || (minimize ? v < values[best] : v > values[best])) best = i;
  });
  if (best == null || values.filter((v) => v === values[best]).length > 1) return null;
  return best;
}

export function shortText(value, max = 160) {
  if (value == null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
