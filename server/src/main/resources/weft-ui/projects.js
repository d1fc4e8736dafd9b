import { getJson } from './api.js';
import { clear, formatAgo, h, link } from './dom.js';
import { setCrumbs } from './app.js';

export function projectsView() {
  setCrumbs({ label: 'Projects' });
  const el = h('section', { class: 'page' }, h('h1', null, 'Projects'), h('p', { class: 'muted' }, 'Loading…'));
  getJson('/api/projects').then(({ projects }) => {
    clear(el, h('h1', null, 'Projects'), projects.length ? table(projects) : empty());
  }).catch((error) => clear(el, h('h1', null, 'Projects'), h('p', { class: 'error-text' }, error.message)));
  return { el };
}

function table(projects) {
  return h('table', { class: 'grid projects' },
    h('thead', null, h('tr', null, h('th', null, 'Project'), h('th', { class: 'num' }, 'Traces'), h('th', { class: 'num' }, 'Calls'), h('th', null, 'Last call'))),
    h('tbody', null, projects.map((p) => h('tr', { dataset: { project: p.name } },
      h('td', null, link(`/${p.name}`, { class: 'strong' }, p.name)),
      h('td', { class: 'num' }, p.traces.toLocaleString('en-US')),
      h('td', { class: 'num' }, p.calls.toLocaleString('en-US')),
      h('td', { title: p.last_call_at }, formatAgo(p.last_call_at))))));
}

function empty() {
  const origin = location.origin;
  return h('div', { class: 'empty' },
    h('h2', null, 'No traces yet'),
    h('p', null, 'Run a Java app with the Weft agent pointed at this server:'),
    h('pre', { class: 'code' }, `java -javaagent:weft-agent.jar=project=my-team/my-project,trace.url=${origin} -jar app.jar`),
    h('p', { class: 'muted' }, 'Any OTLP/HTTP exporter works too: POST protobuf or JSON to ', h('code', null, `${origin}/otel/v1/traces`), '.'));
}
