// The single-page app: paths are the same as Weave's (/<team>/<project>/r/call/<id>), routed here.
import { clear, h, link } from './dom.js';
import { projectsView } from './projects.js';
import { callsView } from './calls.js';
import { traceView } from './trace.js';
import { usageView } from './usage.js';
import { evaluationsView, evaluationView } from './evals.js';
import { compareView } from './compare.js';
import { leaderboardView } from './leaderboard.js';

const NAME = '([A-Za-z0-9][A-Za-z0-9._-]*)';
const routes = [
  [new RegExp('^/$'), () => projectsView()],
  [new RegExp(`^/${NAME}/${NAME}/?$`), (t, p) => callsView(t, p)],
  [new RegExp(`^/${NAME}/${NAME}/usage/?$`), (t, p) => usageView(t, p)],
  [new RegExp(`^/${NAME}/${NAME}/evaluations/?$`), (t, p) => evaluationsView(t, p)],
  [new RegExp(`^/${NAME}/${NAME}/evaluations/compare/?$`), (t, p) => compareView(t, p)],
  [new RegExp(`^/${NAME}/${NAME}/evaluations/([0-9A-Za-z_-]+)/?$`), (t, p, id) => evaluationView(t, p, id)],
  [new RegExp(`^/${NAME}/${NAME}/leaderboard/?$`), (t, p) => leaderboardView(t, p)],
  [new RegExp(`^/${NAME}/${NAME}/r/call/([0-9A-Za-z_-]+)/?$`), (t, p, id) => traceView(t, p, { callId: id })],
  [new RegExp(`^/${NAME}/${NAME}/traces/([0-9A-Za-z_-]+)/?$`), (t, p, id) => traceView(t, p, { traceId: id })],
];

const app = document.getElementById('app');
let current = null;

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

export function setCrumbs(...items) {
  const crumbs = document.getElementById('crumbs');
  const parts = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(h('span', { class: 'crumb-sep' }, '/'));
    parts.push(item.href ? link(item.href, { class: 'crumb' }, item.label) : h('span', { class: 'crumb current' }, item.label));
  });
  clear(crumbs, parts);
}

function render() {
  if (current && current.dispose) current.dispose();
  current = null;
  const path = decodeURIComponent(location.pathname);
  for (const [pattern, view] of routes) {
    const match = pattern.exec(path);
    if (match) {
      current = view(...match.slice(1));
      clear(app, current.el);
      return;
    }
  }
  setCrumbs();
  clear(app, h('div', { class: 'empty' }, h('h2', null, 'Not found'), h('p', null, 'No page at ', h('code', null, path), '. ', link('/', null, 'All projects'))));
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-link]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href'));
});
window.addEventListener('popstate', render);
render();
