-- 0024_history_indexes (PostgreSQL): the change sets of a --since/--until
-- range read from an index on their time (at is text in the "C" collation,
-- so the index and the bound comparisons order bytes as SQLite does).
CREATE INDEX changeset_at ON changeset(at);
