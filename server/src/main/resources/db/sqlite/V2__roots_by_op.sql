-- The traces table filtered by op (root calls of one op, newest first): counting them through
-- calls_by_op had to read every call row of the op to check parent_id; this index alone answers it.
CREATE INDEX calls_roots_by_op ON calls (project, op_name, started_at) WHERE parent_id IS NULL;
