// Leaderboards: models ranked by columns of (evaluation, scorer, metric), from stored runs. A published
// leaderboard (dev.weft.eval.Leaderboard.publish) or every metric of every evaluation.
import { getJson, projectPath } from './api.js';
import { clear, h, link } from './dom.js';
import { setCrumbs } from './app.js';
import { tabs } from './calls.js';
import { bestIndex, formatMetric } from './metrics.js';

export function leaderboardView(team, project) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Leaderboard' });
  const api = projectPath(team, project);
  const picker = h('select', { class: 'leaderboard-picker', 'aria-label': 'Leaderboard', onchange: () => show(picker.value) });
  const content = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const el = h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', null, name), tabs(team, project, 'leaderboard')),
    h('div', { class: 'toolbar' }, picker), content);

  async function show(board) {
    const query = board ? `?name=${encodeURIComponent(board)}` : '';
    history.replaceState(null, '', `/${name}/leaderboard${query}`);
    try {
      clear(content, table(await getJson(`${api}/leaderboard${query}`)));
    } catch (error) {
      clear(content, h('p', { class: 'error-text' }, error.message));
    }
  }

  getJson(`${api}/leaderboards`).then(({ leaderboards }) => {
    const wanted = new URLSearchParams(location.search).get('name');
    const initial = wanted ?? (leaderboards[0] ? leaderboards[0].name : '');
    clear(picker, leaderboards.map((b) => h('option', { value: b.name }, b.name)), h('option', { value: '' }, 'All metrics'));
    picker.value = initial;
    show(initial);
  }).catch((error) => clear(content, h('p', { class: 'error-text' }, error.message)));
  return { el };
}

function table(board) {
  if (!board.rows.length) {
    return h('div', { class: 'empty' }, h('h2', null, 'No runs to rank yet'),
      h('p', null, 'Evaluate models with ', h('code', null, 'dev.weft.eval.Evaluation'), ' under the agent; their latest runs rank here.'));
  }
  const best = board.columns.map((column, c) => bestIndex(board.rows.map((r) => (r.values[c] ? r.values[c].value : null)), column.should_minimize));
  return h('div', null,
    h('h2', { class: 'leaderboard-name' }, board.name), board.description ? h('p', { class: 'muted' }, board.description) : null,
    h('table', { class: 'grid leaderboard' },
      h('thead', null, h('tr', null, h('th', { class: 'num' }, '#'), h('th', null, 'Model'),
        board.columns.map((column) => h('th', { class: 'num', title: column.should_minimize ? 'lower is better' : 'higher is better' },
          h('div', { class: 'muted' }, column.evaluation),
          `${column.scorer_name}${column.summary_metric_path ? `.${column.summary_metric_path}` : ''} ${column.should_minimize ? '↓' : '↑'}`)))),
      h('tbody', null, board.rows.map((row, r) => h('tr', { class: 'leaderboard-row', dataset: { model: row.model } },
        h('td', { class: 'num muted' }, String(r + 1)),
        h('td', { class: 'strong model-cell' }, row.model),
        row.values.map((cell, c) => h('td', { class: `num lb-value${best[c] === r ? ' best' : ''}` },
          cell ? link(cell.link, { title: 'Open the evaluation run' }, formatMetric(cell.value, `${board.columns[c].scorer_name}`)) : '—')))))));
}
