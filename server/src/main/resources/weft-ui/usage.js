// Tokens and cost per model over time: stacked bars per bucket, totals per model.
import { getJson, projectPath } from './api.js';
import { clear, formatCost, formatTokens, h } from './dom.js';
import { setCrumbs } from './app.js';
import { tabs } from './calls.js';
import { usageTable } from './detail.js';

const RANGES = [['24h', 24 * 3600e3, 'hour'], ['7d', 7 * 86400e3, 'day'], ['30d', 30 * 86400e3, 'day']];
const COLORS = ['#0e7c86', '#f2a900', '#7b61ff', '#e5484d', '#2f9e44', '#c2255c', '#1c7ed6', '#868e96'];
const SVG = 'http://www.w3.org/2000/svg';

export function usageView(team, project) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Usage' });
  let range = RANGES[1];
  const content = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const picker = h('div', { class: 'segmented' });
  const el = h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', null, name), tabs(team, project, 'usage')),
    h('div', { class: 'toolbar' }, picker), content);

  async function load() {
    clear(picker, RANGES.map((r) => h('button', { class: r === range ? 'active' : '', onclick: () => { range = r; load(); } }, r[0])));
    const to = Date.now();
    const from = to - range[1];
    try {
      const usage = await getJson(`${projectPath(team, project)}/usage?from=${from}&to=${to}&bucket=${range[2]}`);
      const models = Object.keys(usage.models);
      clear(content,
        models.length ? [
          h('h3', null, 'Tokens'), chart(usage, models, 'total_tokens', from, to, (n) => Math.round(n).toLocaleString('en-US')),
          h('h3', null, 'Cost'), chart(usage, models, 'cost', from, to, formatCost),
          legend(models),
          h('h3', null, 'Totals'), usageTable(usage.models),
        ] : h('p', { class: 'muted' }, 'No token usage in this range.'));
    } catch (error) {
      clear(content, h('p', { class: 'error-text' }, error.message));
    }
  }
  load();
  return { el };
}

function chart(usage, models, field, from, to, format) {
  const width = 960;
  const height = 220;
  const pad = { left: 70, right: 10, top: 10, bottom: 24 };
  const bucket = usage.bucket_ms;
  const start = Math.floor(from / bucket) * bucket;
  const buckets = new Map();
  for (const point of usage.points) {
    const stack = buckets.get(point.time_ms) || {};
    stack[point.model] = point[field] || 0;
    buckets.set(point.time_ms, stack);
  }
  const totals = [...buckets.values()].map((stack) => Object.values(stack).reduce((a, b) => a + b, 0));
  const max = Math.max(...totals, 0) || 1;
  const count = Math.max(1, Math.ceil((to - start) / bucket));
  const barWidth = (width - pad.left - pad.right) / count;
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': `${field} per ${bucket >= 86400e3 ? 'day' : 'hour'}` });
  const y = (v) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  for (const fraction of [0, 0.5, 1]) {
    svg.append(svgEl('line', { x1: pad.left, x2: width - pad.right, y1: y(max * fraction), y2: y(max * fraction), class: 'grid-line' }));
    svg.append(svgEl('text', { x: pad.left - 6, y: y(max * fraction) + 4, 'text-anchor': 'end', class: 'axis' }, format(max * fraction)));
  }
  for (const [time, stack] of buckets) {
    const x = pad.left + ((time - start) / bucket) * barWidth;
    let base = 0;
    models.forEach((model, i) => {
      const value = stack[model] || 0;
      if (!value) return;
      const rect = svgEl('rect', { x: x + 1, width: Math.max(barWidth - 2, 1), y: y(base + value), height: y(base) - y(base + value), fill: COLORS[i % COLORS.length] });
      rect.append(svgEl('title', {}, `${new Date(time).toLocaleString()} · ${model}: ${format(value)}`));
      svg.append(rect);
      base += value;
    });
  }
  svg.append(svgEl('text', { x: pad.left, y: height - 6, class: 'axis' }, new Date(start).toLocaleDateString()));
  svg.append(svgEl('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end', class: 'axis' }, new Date(to).toLocaleDateString()));
  return svg;
}

function legend(models) {
  return h('div', { class: 'legend' }, models.map((model, i) => h('span', { class: 'legend-item' },
    h('span', { class: 'swatch', style: { background: COLORS[i % COLORS.length] } }), model)));
}

function svgEl(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text != null) el.textContent = text;
  return el;
}
