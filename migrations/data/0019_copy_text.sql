-- data/0019_copy_text.sql: the rows of 0019_copy_text, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO text (key, lang, value) VALUES
  ('msg.copied', 'en', 'copied %s change sets and %s records to ''%s'''),
  ('msg.copied', 'es',
   'copiados %s conjuntos de cambios y %s registros a ''%s''');
