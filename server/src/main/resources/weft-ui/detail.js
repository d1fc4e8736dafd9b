// The selected call: header, then tabs for chat, inputs/output, exception, attributes, usage, raw span.
import { callName, clear, formatCost, formatLatency, formatTime, formatTokens, h, kindBadge, link, statusBadge } from './dom.js';
import { jsonView } from './json.js';
import { chatView, findMessages } from './chat.js';

export function callDetail(call) {
  const hasChat = !!findMessages(call.inputs);
  const tabs = [
    hasChat ? ['chat', 'Chat', () => chatView(call.inputs, call.output)] : null,
    ['call', 'Call', () => callTab(call)],
    ['attributes', 'Attributes', () => attributesTab(call)],
    ['usage', 'Usage', () => usageTab(call)],
    ['raw', 'Raw span', () => jsonView(call.otel, { openDepth: 1 })],
  ].filter(Boolean);
  const body = h('div', { class: 'detail-body' });
  const bar = h('nav', { class: 'tabs detail-tabs' });
  function select(key) {
    clear(bar, tabs.map(([k, label]) => h('button', { class: k === key ? 'tab active' : 'tab', dataset: { tab: k }, onclick: () => select(k) }, label)));
    const tab = tabs.find(([k]) => k === key);
    clear(body, call.exception && key !== 'raw' ? exceptionBox(call.exception) : null, tab[2]());
  }
  select(tabs[0][0]);
  return h('article', { class: 'detail', dataset: { callId: call.id } }, header(call), bar, body);
}

function header(call) {
  const copy = h('button', { class: 'link-button', title: 'Copy the link to this call', onclick: async () => {
    await navigator.clipboard.writeText(location.origin + call.link).catch(() => {});
    copy.textContent = 'Copied';
    setTimeout(() => { copy.textContent = 'Copy link'; }, 1500);
  } }, 'Copy link');
  const own = Object.values(call.usage || {}).reduce((sum, u) => sum + u.total_tokens, 0);
  return h('header', { class: 'detail-head' },
    h('div', { class: 'detail-title' }, h('h2', null, callName(call)), kindBadge(call.kind), statusBadge(call.status)),
    call.display_name ? h('div', { class: 'op-sub' }, call.op_name) : null,
    call.op_name === 'Evaluation.evaluate'
      ? h('p', null, link(`/${call.project}/evaluations/${call.id}`, { class: 'open-evaluation' }, 'Open the evaluation: rows, scores, compare →')) : null,
    h('dl', { class: 'facts' },
      fact('Started', formatTime(call.started_at), call.started_at),
      fact('Latency', formatLatency(call.latency_ms)),
      call.model ? fact('Model', call.model) : null,
      fact('Tokens', formatTokens(call.summary.total_tokens), own && own !== call.summary.total_tokens ? `this call: ${own}, with descendants: ${call.summary.total_tokens}` : null),
      fact('Cost', formatCost(call.summary.cost)),
      call.thread_id ? fact('Thread', call.thread_id) : null,
      fact('Call', h('code', null, call.id), null, copy)));
}

function fact(label, value, title, extra) {
  return h('div', { class: 'fact', dataset: { fact: label.toLowerCase() } }, h('dt', null, label), h('dd', { title }, value, extra ? ' ' : null, extra));
}

function exceptionBox(exception) {
  return h('section', { class: 'exception' },
    h('div', { class: 'exception-head' }, h('strong', null, exception.type || 'Error'), exception.message ? `: ${exception.message}` : ''),
    exception.stacktrace ? h('details', null, h('summary', null, 'Stack trace'), h('pre', { class: 'stack' }, exception.stacktrace)) : null);
}

function callTab(call) {
  return h('div', null,
    h('section', { class: 'block' }, h('h3', null, 'Inputs'), Object.keys(call.inputs || {}).length ? jsonView(call.inputs) : h('p', { class: 'muted' }, 'No inputs')),
    h('section', { class: 'block' }, h('h3', null, 'Output'), call.output == null ? h('p', { class: 'muted' }, 'No output') : jsonView(call.output)));
}

function attributesTab(call) {
  return h('section', { class: 'block' }, h('h3', null, 'Attributes'),
    Object.keys(call.attributes || {}).length ? jsonView(call.attributes) : h('p', { class: 'muted' }, 'No attributes'),
    call.thread_id ? h('p', null, 'Thread ', h('code', null, call.thread_id), call.turn_id ? ' · turn' : '') : null);
}

function usageTab(call) {
  return h('div', null,
    h('section', { class: 'block' }, h('h3', null, 'This call'), usageTable(call.usage)),
    h('section', { class: 'block' }, h('h3', null, 'With descendants'), usageTable(call.summary.usage)));
}

export function usageTable(byModel) {
  const rows = Object.entries(byModel || {});
  if (!rows.length) return h('p', { class: 'muted' }, 'No token usage');
  return h('table', { class: 'grid usage-table' },
    h('thead', null, h('tr', null, ['Model', 'Prompt', 'Completion', 'Total', 'Requests', 'Cost'].map((c, i) => h('th', { class: i ? 'num' : '' }, c)))),
    h('tbody', null, rows.map(([model, u]) => h('tr', { dataset: { model } },
      h('td', null, model), h('td', { class: 'num' }, formatTokens(u.prompt_tokens)), h('td', { class: 'num' }, formatTokens(u.completion_tokens)),
      h('td', { class: 'num' }, formatTokens(u.total_tokens)), h('td', { class: 'num' }, String(u.requests)), h('td', { class: 'num' }, formatCost(u.cost))))));
}
