-- Calls converted from spans, one row per call; JSON columns hold text.
-- Times are Unix epoch nanoseconds. Every index leads with the project; retention deletes per project.
CREATE TABLE projects (
  name TEXT NOT NULL PRIMARY KEY,
  created_at BIGINT NOT NULL,
  last_call_at BIGINT NOT NULL,
  call_count BIGINT NOT NULL,
  trace_count BIGINT NOT NULL
);

CREATE TABLE ops (
  project TEXT NOT NULL,
  op_name TEXT NOT NULL,
  call_count BIGINT NOT NULL,
  last_call_at BIGINT NOT NULL,
  PRIMARY KEY (project, op_name)
);

CREATE TABLE calls (
  project TEXT NOT NULL,
  id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  parent_id TEXT,
  op_name TEXT NOT NULL,
  display_name TEXT,
  kind TEXT,
  status TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  latency_ns BIGINT NOT NULL,
  model TEXT,
  thread_id TEXT,
  turn_id TEXT,
  inputs TEXT NOT NULL,
  output TEXT,
  attributes TEXT NOT NULL,
  exception TEXT,
  otel TEXT NOT NULL,
  rolled_tokens BIGINT NOT NULL,
  rolled_cost DOUBLE PRECISION,
  ingested_at BIGINT NOT NULL,
  PRIMARY KEY (project, id)
);

CREATE INDEX calls_by_start ON calls (project, started_at);
CREATE INDEX calls_roots_by_start ON calls (project, started_at) WHERE parent_id IS NULL;
CREATE INDEX calls_by_trace ON calls (project, trace_id, started_at);
CREATE INDEX calls_by_parent ON calls (project, parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX calls_by_op ON calls (project, op_name, started_at);
CREATE INDEX calls_by_thread ON calls (project, thread_id, started_at) WHERE thread_id IS NOT NULL;

-- The call's own usage per model (a call without usage has no row).
CREATE TABLE call_usage (
  project TEXT NOT NULL,
  call_id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  cost DOUBLE PRECISION,
  PRIMARY KEY (project, call_id, model)
);

CREATE INDEX call_usage_by_start ON call_usage (project, started_at);

-- Usage of a call plus all its stored descendants per model, kept current on every insert.
CREATE TABLE rollups (
  project TEXT NOT NULL,
  call_id TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  cost DOUBLE PRECISION,
  PRIMARY KEY (project, call_id, model)
);

CREATE INDEX rollups_by_trace ON rollups (project, trace_id);
