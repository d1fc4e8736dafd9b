-- Ingest dirtied about one index page per stored span for each index keyed by a random id; a
-- transaction writes every dirty page, so those pages were most of what ingest wrote. Lookups that
-- stay within a trace (roll-ups never cross traces) now go through indexes that lead with the
-- trace, whose entries for one request's spans share a few pages.

-- Stored children of new calls are found per trace; with the id in the index, from the index alone.
-- The trace view sorts its rows (one trace) itself.
DROP INDEX calls_by_parent;
DROP INDEX calls_by_trace;
CREATE INDEX calls_by_trace ON calls (project, trace_id, parent_id, id);

-- Roll-ups keyed by trace first, stored in key order (SQLite: WITHOUT ROWID), so one trace's
-- roll-ups are neighbours and a separate by-trace index is not needed.
CREATE TABLE rollups_v3 (
  project TEXT NOT NULL,
  trace_id TEXT NOT NULL,
  call_id TEXT NOT NULL,
  model TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  total_tokens BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  cost DOUBLE PRECISION,
  PRIMARY KEY (project, trace_id, call_id, model)
) WITHOUT ROWID;
INSERT INTO rollups_v3 (project, trace_id, call_id, model, started_at, prompt_tokens,
  completion_tokens, total_tokens, requests, cost)
  SELECT project, trace_id, call_id, model, started_at, prompt_tokens, completion_tokens,
  total_tokens, requests, cost FROM rollups;
DROP TABLE rollups;
ALTER TABLE rollups_v3 RENAME TO rollups;

-- Traces (root calls) per op, kept like the other counters: the traces table filtered by op counted
-- every matching index entry (on PostgreSQL also their rows, until vacuum had visited them).
ALTER TABLE ops ADD COLUMN trace_count BIGINT NOT NULL DEFAULT 0;
UPDATE ops SET trace_count = (SELECT COUNT(*) FROM calls c
  WHERE c.project = ops.project AND c.op_name = ops.op_name AND c.parent_id IS NULL);
