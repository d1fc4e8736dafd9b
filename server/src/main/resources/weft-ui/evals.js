// Evaluations: the runs of a project (pick two or more to compare) and one run with its rows.
import { getJson, projectPath } from './api.js';
import { clear, formatAgo, formatCost, formatLatency, formatTokens, h, link, statusBadge } from './dom.js';
import { navigate, setCrumbs } from './app.js';
import { tabs } from './calls.js';
import { formatMetric, leaves, scoreBadges, shortText } from './metrics.js';

export function evaluationsView(team, project) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Evaluations' });
  const chosen = new Set();
  const content = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const compare = h('button', { class: 'primary compare-button', disabled: true,
    onclick: () => navigate(`/${name}/evaluations/compare?ids=${[...chosen].join(',')}`) }, 'Compare selected');
  const el = h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', null, name), tabs(team, project, 'evaluations')),
    h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, 'Select two or more runs to compare them.'), h('span', { class: 'spacer' }), compare),
    content);

  getJson(`${projectPath(team, project)}/evaluations`).then(({ evaluations }) => {
    if (!evaluations.length) {
      clear(content, h('div', { class: 'empty' }, h('h2', null, 'No evaluations yet'),
        h('p', null, 'Run ', h('code', null, 'dev.weft.eval.Evaluation.evaluate(...)'), ' under the agent; each run shows here.')));
      return;
    }
    clear(content, h('table', { class: 'grid evaluations' },
      h('thead', null, h('tr', null, ['', 'Evaluation', 'Model', 'Status', 'Metrics', 'Latency', 'Tokens', 'Cost', 'Run']
        .map((c, i) => h('th', { class: i >= 5 && i <= 7 ? 'num' : '' }, c)))),
      h('tbody', null, evaluations.map((run) => {
        const box = h('input', { type: 'checkbox', 'aria-label': `Select ${run.model}`, onchange: () => {
          if (box.checked) chosen.add(run.id); else chosen.delete(run.id);
          compare.disabled = chosen.size < 2;
          compare.textContent = chosen.size >= 2 ? `Compare ${chosen.size} runs` : 'Compare selected';
        } });
        return h('tr', { class: 'evaluation-row', dataset: { evaluationId: run.id } },
          h('td', null, box),
          h('td', null, link(run.link, { class: 'call-name' }, run.evaluation || '(unnamed)')),
          h('td', { class: 'model-cell' }, run.model),
          h('td', null, statusBadge(run.status)),
          h('td', { class: 'metrics-cell' }, leaves(run.summary).slice(0, 3).map(([p, v]) => h('span', { class: 'metric-chip' }, `${p} `, h('b', null, formatMetric(v, p))))),
          h('td', { class: 'num' }, formatLatency(run.latency_ms)),
          h('td', { class: 'num' }, formatTokens(run.total_tokens)),
          h('td', { class: 'num' }, formatCost(run.cost)),
          h('td', { title: run.started_at }, formatAgo(run.started_at)));
      }))));
  }).catch((error) => clear(content, h('p', { class: 'error-text' }, error.message)));
  return { el };
}

export function evaluationView(team, project, id) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Evaluations', href: `/${name}/evaluations` }, { label: 'Run' });
  const el = h('section', { class: 'page' }, h('p', { class: 'muted' }, 'Loading…'));
  let retry = null;
  async function load() {
    try {
      const run = await getJson(`${projectPath(team, project)}/evaluations/${encodeURIComponent(id)}`);
      setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Evaluations', href: `/${name}/evaluations` },
        { label: `${run.evaluation} · ${run.model}` });
      document.title = `${run.evaluation} · ${run.model} · Weft`;
      const others = (await getJson(`${projectPath(team, project)}/evaluations?evaluation=${encodeURIComponent(run.evaluation || '')}`))
        .evaluations.filter((r) => r.id !== run.id);
      clear(el, header(run, others, name), summaryTable(run), rowsTable(run));
    } catch (error) {
      clear(el, h('div', { class: 'empty' }, h('h2', null, error.status === 404 ? 'Evaluation not found' : 'Cannot load the evaluation'),
        h('p', { class: 'error-text' }, error.message), h('p', { class: 'muted' }, 'Spans arrive every few seconds; this page retries.')));
      if (error.status === 404) retry = setTimeout(load, 3000);
    }
  }
  load();
  return { el, dispose: () => clearTimeout(retry) };
}

function header(run, others, name) {
  return h('header', { class: 'eval-head' },
    h('div', { class: 'detail-title' }, h('h1', null, run.evaluation), h('span', { class: 'model-badge' }, run.model), statusBadge(run.status)),
    h('dl', { class: 'facts' },
      fact('Rows', String(run.row_count)), fact('Errors', String(run.error_count)),
      fact('Latency', formatLatency(run.latency_ms)), fact('Tokens', formatTokens(run.total_tokens)), fact('Cost', formatCost(run.cost)),
      fact('Trace', link(run.call_link, null, 'Open the call tree'))),
    others.length ? h('p', { class: 'compare-links' }, 'Compare with: ',
      others.slice(0, 6).map((o, i) => [i ? ' · ' : '', link(`/${name}/evaluations/compare?ids=${run.id},${o.id}`, { dataset: { compareWith: o.id } }, o.model)])) : null);
}

function fact(label, value) {
  return h('div', { class: 'fact', dataset: { fact: label.toLowerCase() } }, h('dt', null, label), h('dd', null, value));
}

function summaryTable(run) {
  const metrics = leaves(run.summary);
  return h('section', { class: 'block' }, h('h3', null, 'Summary'),
    metrics.length ? h('table', { class: 'grid summary-table' },
      h('thead', null, h('tr', null, h('th', null, 'Metric'), h('th', { class: 'num' }, 'Value'))),
      h('tbody', null, metrics.map(([p, v]) => h('tr', { dataset: { metric: p } }, h('td', null, p), h('td', { class: 'num metric-value' }, formatMetric(v, p))))))
      : h('p', { class: 'muted' }, 'No summary (the run failed or has no scores).'));
}

function rowsTable(run) {
  return h('section', { class: 'block' }, h('h3', null, `Rows (${run.rows.length})`),
    h('table', { class: 'grid eval-rows' },
      h('thead', null, h('tr', null, ['#', 'Input', 'Output', 'Scores', 'Model latency', 'Tokens', 'Cost', ''].map((c, i) => h('th', { class: i >= 4 && i <= 6 ? 'num' : '' }, c)))),
      h('tbody', null, run.rows.map((row, i) => h('tr', { class: `eval-row${row.status === 'error' ? ' failed' : ''}`, dataset: { rowId: row.id } },
        h('td', { class: 'muted' }, String(i + 1)),
        h('td', { class: 'example-cell' }, exampleText(row.example)),
        h('td', { class: 'output-cell' }, row.error ? h('span', { class: 'error-text' }, row.error) : shortText(row.output)),
        h('td', null, scoreBadges(row.scores)),
        h('td', { class: 'num' }, row.model_latency == null ? '—' : `${row.model_latency.toFixed(3)} s`),
        h('td', { class: 'num' }, formatTokens(row.total_tokens)),
        h('td', { class: 'num' }, formatCost(row.cost)),
        h('td', null, link(row.link, { class: 'muted' }, 'trace')))))));
}

export function exampleText(example) {
  if (example && typeof example === 'object' && !Array.isArray(example)) {
    return h('span', { class: 'example' }, Object.entries(example).map(([k, v]) => h('span', { class: 'example-field' }, h('span', { class: 'muted' }, `${k}: `), shortText(v, 120))));
  }
  return shortText(example);
}
