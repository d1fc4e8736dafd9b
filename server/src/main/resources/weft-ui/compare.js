// Two or more evaluation runs side by side: every summary metric (best highlighted), then row by row,
// rows matched by their dataset example.
import { getJson, projectPath } from './api.js';
import { clear, h, link } from './dom.js';
import { setCrumbs } from './app.js';
import { exampleText } from './evals.js';
import { bestIndex, formatMetric, scoreBadges, shortText } from './metrics.js';

export function compareView(team, project) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Evaluations', href: `/${name}/evaluations` }, { label: 'Compare' });
  const ids = new URLSearchParams(location.search).get('ids') || '';
  const el = h('section', { class: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
  getJson(`${projectPath(team, project)}/evaluations/compare?ids=${encodeURIComponent(ids)}`).then((comparison) => {
    document.title = 'Compare evaluations · Weft';
    clear(el, h('h1', null, 'Compare evaluations'), runsHead(comparison.evaluations),
      h('h3', null, 'Metrics'), metricsTable(comparison),
      h('h3', null, `Rows (${comparison.rows.length})`), rowsTable(comparison));
  }).catch((error) => clear(el, h('h1', null, 'Compare evaluations'), h('p', { class: 'error-text' }, error.message),
    h('p', null, link(`/${name}/evaluations`, null, 'Pick runs to compare'))));
  return { el };
}

function runLabel(run) {
  return h('span', { class: 'run-label' }, link(run.link, { class: 'strong' }, run.model), h('span', { class: 'muted' }, ` · ${run.evaluation}`));
}

function runsHead(runs) {
  return h('div', { class: 'compare-runs' }, runs.map((run, i) => h('span', { class: 'compare-run', dataset: { run: String(i) } },
    h('span', { class: `run-dot run-${i % 6}` }), runLabel(run))));
}

function metricsTable({ evaluations, metrics }) {
  return h('table', { class: 'grid metrics-compare' },
    h('thead', null, h('tr', null, h('th', null, 'Metric'), evaluations.map((run) => h('th', { class: 'num' }, run.model)))),
    h('tbody', null, metrics.map((metric) => {
      const best = bestIndex(metric.values, metric.minimize);
      return h('tr', { class: 'metric-row', dataset: { metric: metric.path } },
        h('td', null, metric.path, h('span', { class: 'muted' }, metric.minimize ? ' ↓' : ' ↑')),
        metric.values.map((v, i) => h('td', { class: `num metric-value${i === best ? ' best' : ''}`, dataset: { run: String(i) } }, formatMetric(v, metric.path))));
    })));
}

function rowsTable({ evaluations, rows }) {
  return h('table', { class: 'grid rows-compare' },
    h('thead', null, h('tr', null, h('th', null, 'Input'), evaluations.map((run) => h('th', null, run.model)))),
    h('tbody', null, rows.map((row) => h('tr', { class: 'compare-row' },
      h('td', { class: 'example-cell' }, exampleText(row.example)),
      row.results.map((trials, i) => h('td', { class: 'compare-cell', dataset: { run: String(i) } },
        trials.length ? trials.map((result) => h('div', { class: `compare-result${result.status === 'error' ? ' failed' : ''}` },
          h('div', { class: 'compare-output' }, result.error ? h('span', { class: 'error-text' }, result.error) : shortText(result.output)),
          h('div', null, scoreBadges(result.scores), ' ', link(result.link, { class: 'muted' }, 'trace'))))
          : h('span', { class: 'muted' }, 'not in this run')))))));
}
