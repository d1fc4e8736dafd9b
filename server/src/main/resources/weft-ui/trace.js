// A trace: the call tree with a timeline on the left, the selected call on the right.
import { getJson, projectPath } from './api.js';
import { callName, clear, formatCost, formatLatency, formatTokens, h, kindBadge, statusBadge } from './dom.js';
import { setCrumbs } from './app.js';
import { callDetail } from './detail.js';

export function traceView(team, project, { callId, traceId }) {
  const name = `${team}/${project}`;
  const api = projectPath(team, project);
  setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: 'Trace' });
  const treePane = h('div', { class: 'trace-tree', role: 'tree', tabindex: 0 }, h('p', { class: 'muted pad' }, 'Loading…'));
  const detailPane = h('div', { class: 'trace-detail' });
  const el = h('section', { class: 'trace-layout' }, treePane, detailPane);
  let calls = [];
  let selected = callId;
  const collapsed = new Set();
  let detailRequest = 0;

  async function load() {
    try {
      let id = traceId;
      if (!id) id = (await getJson(`${api}/calls/${encodeURIComponent(callId)}`)).trace_id;
      const trace = await getJson(`${api}/traces/${encodeURIComponent(id)}`);
      calls = trace.calls;
      if (!selected || !calls.some((c) => c.id === selected)) selected = calls[0].id;
      setCrumbs({ label: 'Projects', href: '/' }, { label: name, href: `/${name}` }, { label: callName(calls[0]) });
      document.title = `${callName(calls[0])} · Weft`;
      renderTree();
      showDetail(selected);
    } catch (error) {
      clear(treePane, h('div', { class: 'empty' }, h('h2', null, error.status === 404 ? 'Call not found' : 'Cannot load the trace'),
        h('p', { class: 'error-text' }, error.message),
        h('p', { class: 'muted' }, 'Spans arrive when the app exports them (every few seconds); this page retries.')));
      if (error.status === 404 && !retry) retry = setTimeout(() => { retry = null; load(); }, 3000);
    }
  }
  let retry = null;

  function renderTree() {
    const t0 = Math.min(...calls.map((c) => c.started_ms));
    const t1 = Math.max(...calls.map((c) => c.started_ms + c.latency_ms));
    const span = Math.max(t1 - t0, 0.001);
    const root = calls[0];
    const rows = [];
    let hiddenBelow = Infinity;
    for (const call of calls) {
      if (call.depth > hiddenBelow) continue;
      hiddenBelow = collapsed.has(call.id) ? call.depth : Infinity;
      rows.push(treeRow(call, t0, span));
    }
    clear(treePane,
      h('div', { class: 'tree-head' },
        h('div', { class: 'tree-title' }, statusBadge(root.status), h('strong', null, callName(root))),
        h('div', { class: 'muted' }, `${calls.length} call${calls.length === 1 ? '' : 's'} · ${formatLatency(span)}`,
          root.summary.total_tokens ? [' · ', h('span', { class: 'trace-tokens' }, `${formatTokens(root.summary.total_tokens)} tokens`)] : null,
          root.summary.cost != null ? ` · ${formatCost(root.summary.cost)}` : null)),
      h('div', { class: 'tree-scale' }, h('span', null, '0'), h('span', null, formatLatency(span / 2)), h('span', null, formatLatency(span))),
      h('div', { class: 'tree-rows' }, rows));
  }

  function treeRow(call, t0, span) {
    const left = ((call.started_ms - t0) / span) * 100;
    const width = Math.max((call.latency_ms / span) * 100, 0.4);
    const toggle = call.child_count
      ? h('button', { class: 'tree-toggle', 'aria-label': collapsed.has(call.id) ? 'Expand' : 'Collapse', onclick: (event) => {
        event.stopPropagation();
        if (collapsed.has(call.id)) collapsed.delete(call.id); else collapsed.add(call.id);
        renderTree();
      } }, collapsed.has(call.id) ? '▸' : '▾')
      : h('span', { class: 'tree-toggle spacer' });
    return h('div', { class: `tree-row${call.id === selected ? ' selected' : ''}${call.status === 'error' ? ' failed' : ''}`, role: 'treeitem',
      'aria-level': String(call.depth + 1), 'aria-selected': String(call.id === selected), dataset: { callId: call.id, depth: String(call.depth) },
      onclick: () => select(call.id) },
    h('div', { class: 'tree-label', style: { paddingLeft: `${call.depth * 16 + 4}px` } },
      toggle, h('span', { class: `dot ${call.status === 'error' ? 'error' : 'ok'}` }),
      h('span', { class: 'tree-name', title: call.op_name }, callName(call)), kindBadge(call.kind),
      h('span', { class: 'tree-meta' }, call.summary.total_tokens ? h('span', { class: 'tree-tokens' }, `${formatTokens(call.summary.total_tokens)} tok`) : null,
        h('span', null, formatLatency(call.latency_ms)))),
    h('div', { class: 'timeline' }, h('div', { class: `bar ${call.kind || ''}${call.status === 'error' ? ' error' : ''}`, style: { left: `${left}%`, width: `${Math.min(width, 100 - left)}%` } })));
  }

  function select(id) {
    if (id === selected) return;
    selected = id;
    history.replaceState(null, '', `/${name}/r/call/${id}`);
    renderTree();
    showDetail(id);
  }

  async function showDetail(id) {
    const request = ++detailRequest;
    try {
      const call = await getJson(`${api}/calls/${encodeURIComponent(id)}`);
      if (request === detailRequest) clear(detailPane, callDetail(call));
    } catch (error) {
      if (request === detailRequest) clear(detailPane, h('p', { class: 'error-text pad' }, error.message));
    }
  }

  treePane.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const ids = [...treePane.querySelectorAll('.tree-row')].map((row) => row.dataset.callId);
    const next = ids[ids.indexOf(selected) + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) { event.preventDefault(); select(next); }
  });

  load();
  return { el, dispose: () => clearTimeout(retry) };
}
