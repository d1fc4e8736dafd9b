// The traces table of a project: filters, search, sort, pages, live refresh.
import { getJson, projectPath } from './api.js';
import { callName, clear, formatAgo, formatCost, formatLatency, formatTokens, h, kindBadge, link, statusBadge } from './dom.js';
import { navigate, setCrumbs } from './app.js';

const PAGE = 50;
const COLUMNS = [
  ['op_name', 'Trace'], [null, 'Status'], ['started_at', 'Called'], ['latency', 'Latency'],
  ['tokens', 'Tokens'], ['cost', 'Cost'],
];

export function callsView(team, project) {
  const name = `${team}/${project}`;
  setCrumbs({ label: 'Projects', href: '/' }, { label: name });
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get('q') || '', op: params.get('op') || '', status: params.get('status') || '',
    all: params.get('all') === '1', sort: params.get('sort') || '-started_at',
    offset: Number(params.get('offset')) || 0, live: params.get('live') !== '0',
  };
  const api = projectPath(team, project);
  const body = h('tbody');
  const head = h('thead');
  const count = h('span', { class: 'muted count' });
  const pager = h('div', { class: 'pager' });
  const opSelect = h('select', { 'aria-label': 'Op', class: 'op-filter', onchange: () => update({ op: opSelect.value, offset: 0 }) });
  const statusSelect = h('select', { 'aria-label': 'Status', class: 'status-filter', onchange: () => update({ status: statusSelect.value, offset: 0 }) },
    h('option', { value: '' }, 'Any status'), h('option', { value: 'success' }, 'Success'), h('option', { value: 'error' }, 'Error'));
  statusSelect.value = state.status;
  let searchTimer;
  const search = h('input', { type: 'search', class: 'search', placeholder: 'Search inputs and outputs…', value: state.q,
    oninput: () => { clearTimeout(searchTimer); searchTimer = setTimeout(() => update({ q: search.value, offset: 0 }), 300); } });
  const allCalls = h('input', { type: 'checkbox', checked: state.all, onchange: () => update({ all: allCalls.checked, offset: 0 }) });
  const live = h('input', { type: 'checkbox', checked: state.live, onchange: () => update({ live: live.checked }) });
  const error = h('p', { class: 'error-text', hidden: true });

  const el = h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, name), tabs(team, project, 'traces')),
    h('div', { class: 'toolbar' }, search, opSelect, statusSelect,
      h('label', { class: 'check' }, allCalls, 'All calls'),
      h('span', { class: 'spacer' }), count,
      h('label', { class: 'check live' }, live, h('span', { class: 'live-dot' }), 'Live')),
    error,
    h('table', { class: 'grid calls' }, head, body),
    pager);

  function update(change) {
    Object.assign(state, change);
    const query = new URLSearchParams();
    if (state.q) query.set('q', state.q);
    if (state.op) query.set('op', state.op);
    if (state.status) query.set('status', state.status);
    if (state.all) query.set('all', '1');
    if (state.sort !== '-started_at') query.set('sort', state.sort);
    if (state.offset) query.set('offset', String(state.offset));
    if (!state.live) query.set('live', '0');
    const qs = query.toString();
    history.replaceState(null, '', `/${name}${qs ? `?${qs}` : ''}`);
    load();
  }

  let loading = false;
  async function load() {
    if (loading) return;
    loading = true;
    try {
      const query = new URLSearchParams({ limit: String(PAGE), offset: String(state.offset), sort: state.sort });
      if (!state.all) query.set('root', 'true');
      if (state.q) query.set('q', state.q);
      if (state.op) query.set('op', state.op);
      if (state.status) query.set('status', state.status);
      const [page, ops] = await Promise.all([getJson(`${api}/calls?${query}`), getJson(`${api}/ops`)]);
      renderOps(ops.ops);
      renderHead();
      renderRows(page);
      error.hidden = true;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      loading = false;
    }
  }

  function renderOps(ops) {
    const options = [h('option', { value: '' }, 'All ops'), ...ops.map((op) => h('option', { value: op }, op))];
    if (opSelect.options.length !== options.length) clear(opSelect, options);
    opSelect.value = state.op;
  }

  function renderHead() {
    const [key, desc] = state.sort.startsWith('-') ? [state.sort.slice(1), true] : [state.sort, false];
    clear(head, h('tr', null, COLUMNS.map(([sortKey, label]) => {
      if (!sortKey) return h('th', null, label);
      const active = key === sortKey;
      const next = active && desc ? sortKey : `-${sortKey}`;
      return h('th', { class: `sortable ${['latency', 'tokens', 'cost'].includes(sortKey) ? 'num' : ''}`, dataset: { sort: sortKey },
        'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none', onclick: () => update({ sort: next, offset: 0 }) },
      label, active ? (desc ? ' ↓' : ' ↑') : '');
    })));
  }

  function renderRows(page) {
    count.textContent = `${page.total.toLocaleString('en-US')} ${state.all ? 'call' : 'trace'}${page.total === 1 ? '' : 's'}`;
    if (!page.calls.length) {
      clear(body, h('tr', null, h('td', { colspan: COLUMNS.length, class: 'empty-row' },
        state.q || state.op || state.status ? 'No calls match these filters.' : 'No traces yet. Send spans to /otel/v1/traces.')));
    } else {
      clear(body, page.calls.map(row));
    }
    const first = page.total ? state.offset + 1 : 0;
    const last = Math.min(state.offset + PAGE, page.total);
    clear(pager,
      h('button', { disabled: state.offset === 0, onclick: () => update({ offset: Math.max(0, state.offset - PAGE) }) }, '‹ Previous'),
      h('span', { class: 'muted' }, `${first}–${last} of ${page.total.toLocaleString('en-US')}`),
      h('button', { disabled: last >= page.total, onclick: () => update({ offset: state.offset + PAGE }) }, 'Next ›'));
  }

  function row(call) {
    const href = call.link;
    return h('tr', { class: 'call-row', dataset: { callId: call.id }, onclick: (event) => { if (!event.target.closest('a')) navigate(href); } },
      h('td', { class: 'name-cell' }, link(href, { class: 'call-name' }, callName(call)), kindBadge(call.kind),
        call.display_name ? h('span', { class: 'op-sub' }, call.op_name) : null),
      h('td', null, statusBadge(call.status)),
      h('td', { title: call.started_at }, formatAgo(call.started_at)),
      h('td', { class: 'num' }, formatLatency(call.latency_ms)),
      h('td', { class: 'num tokens' }, formatTokens(call.summary.total_tokens)),
      h('td', { class: 'num cost' }, formatCost(call.summary.cost)));
  }

  load();
  const timer = setInterval(() => { if (state.live && !document.hidden) load(); }, 3000);
  return { el, dispose: () => clearInterval(timer) };
}

export function tabs(team, project, active) {
  return h('nav', { class: 'tabs' },
    link(`/${team}/${project}`, { class: active === 'traces' ? 'tab active' : 'tab' }, 'Traces'),
    link(`/${team}/${project}/evaluations`, { class: active === 'evaluations' ? 'tab active' : 'tab' }, 'Evaluations'),
    link(`/${team}/${project}/leaderboard`, { class: active === 'leaderboard' ? 'tab active' : 'tab' }, 'Leaderboard'),
    link(`/${team}/${project}/usage`, { class: active === 'usage' ? 'tab active' : 'tab' }, 'Usage'));
}
