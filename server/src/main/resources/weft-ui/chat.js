// The chat view: messages of an OpenAI-style request and the response's message, with tool calls.
import { h } from './dom.js';
import { jsonView } from './json.js';

export function findMessages(inputs) {
  if (!inputs || typeof inputs !== 'object') return null;
  if (isMessages(inputs.messages)) return inputs.messages;
  for (const value of Object.values(inputs)) {
    if (value && typeof value === 'object' && isMessages(value.messages)) return value.messages;
    if (isMessages(value)) return value;
  }
  return null;
}

export function findReplies(output) {
  if (!output || typeof output !== 'object') return [];
  const candidates = [output, ...Object.values(output).filter((v) => v && typeof v === 'object')];
  for (const candidate of candidates) {
    if (Array.isArray(candidate.choices)) {
      return candidate.choices.map((c) => c.message || c.delta).filter(Boolean);
    }
    if (candidate.message && candidate.message.role) return [candidate.message];
    if (isMessages(candidate)) return candidate;
  }
  return [];
}

function isMessages(value) {
  return Array.isArray(value) && value.length > 0 && value.every((m) => m && typeof m === 'object' && typeof m.role === 'string');
}

export function chatView(inputs, output) {
  const messages = findMessages(inputs) || [];
  const replies = findReplies(output);
  return h('div', { class: 'chat' },
    messages.map((m) => message(m, false)),
    replies.map((m) => message(m, true)),
    inputs && Array.isArray(inputs.tools) && inputs.tools.length
      ? h('details', { class: 'chat-tools' }, h('summary', null, `${inputs.tools.length} tool${inputs.tools.length === 1 ? '' : 's'} offered`), jsonView(inputs.tools, { openDepth: 1 }))
      : null);
}

function message(m, reply) {
  const role = m.role || 'assistant';
  return h('div', { class: `chat-message role-${role}${reply ? ' reply' : ''}`, dataset: { role } },
    h('div', { class: 'chat-role' }, role, m.name ? ` · ${m.name}` : '', m.tool_call_id ? ` · ${m.tool_call_id}` : '', reply ? h('span', { class: 'chat-tag' }, 'response') : null),
    content(m.content),
    m.refusal ? h('div', { class: 'chat-content refusal' }, m.refusal) : null,
    (m.tool_calls || []).map(toolCall),
    m.function_call ? toolCall({ function: m.function_call }) : null);
}

function content(value) {
  if (value == null || value === '') return null;
  if (typeof value === 'string') return h('div', { class: 'chat-content' }, value);
  if (Array.isArray(value)) {
    return h('div', { class: 'chat-content' }, value.map((part) => {
      if (typeof part === 'string') return h('div', null, part);
      if (part.type === 'text' || typeof part.text === 'string') return h('div', null, part.text);
      if (part.type === 'image_url') return h('div', { class: 'muted' }, '[image] ', String((part.image_url && part.image_url.url) || '').slice(0, 80));
      return jsonView(part, { openDepth: 1 });
    }));
  }
  return jsonView(value, { openDepth: 1 });
}

function toolCall(call) {
  const fn = call.function || {};
  let args = fn.arguments;
  try { if (typeof args === 'string') args = JSON.parse(args); } catch { /* keep the text */ }
  return h('div', { class: 'tool-call', dataset: { tool: fn.name || '' } },
    h('div', { class: 'tool-call-head' }, '⚙ ', h('strong', null, fn.name || 'tool'), call.id ? h('span', { class: 'muted' }, ` ${call.id}`) : null),
    typeof args === 'object' && args !== null ? jsonView(args, { openDepth: 2 }) : h('div', { class: 'chat-content' }, String(args ?? '')));
}
