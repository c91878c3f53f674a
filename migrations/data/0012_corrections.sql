-- data/0012_corrections.sql: the rows of 0012_corrections, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO rule_text (code, en, es) VALUES
  ('deactivated', 'deactivated', 'desactivado');
