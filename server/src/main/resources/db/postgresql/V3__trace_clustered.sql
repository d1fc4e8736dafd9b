-- Ingest dirtied about one index page per stored span for each index keyed by a random id, and
-- wrote each of those pages to the WAL. Lookups that stay within a trace (roll-ups never cross
-- traces) now go through indexes that lead with the trace, whose entries for one request's spans
-- share a few pages.

-- Stored children of new calls are found per trace, with the id in the index (index-only scans).
-- The trace view sorts its rows (one trace) itself.
DROP INDEX calls_by_parent;
DROP INDEX calls_by_trace;
CREATE INDEX calls_by_trace ON calls (project, trace_id, parent_id, id);

-- Roll-ups keyed by trace first, so one trace's roll-ups share index pages and a separate
-- by-trace index is not needed.
DROP INDEX rollups_by_trace;
ALTER TABLE rollups DROP CONSTRAINT rollups_pkey;
ALTER TABLE rollups ADD PRIMARY KEY (project, trace_id, call_id, model);

-- Traces (root calls) per op, kept like the other counters: the traces table filtered by op counted
-- every matching index entry (on PostgreSQL also their rows, until vacuum had visited them).
ALTER TABLE ops ADD COLUMN trace_count BIGINT NOT NULL DEFAULT 0;
UPDATE ops SET trace_count = (SELECT COUNT(*) FROM calls c
  WHERE c.project = ops.project AND c.op_name = ops.op_name AND c.parent_id IS NULL);
