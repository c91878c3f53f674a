-- data/0022_verify_since.sql: the rows of 0022_verify_since, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO text (key, lang, value) VALUES
  ('msg.verified_since', 'en',
   'ok since the digest: its change set holds its seal, %s change sets '
   || 'after it sealed in a chain from it, %s records they touched match '
   || 'their audit history'),
  ('msg.verified_since', 'es',
   'ok desde el resumen: su conjunto de cambios conserva su sello, %s '
   || 'conjuntos de cambios posteriores sellados en cadena desde él, %s '
   || 'registros que tocaron coinciden con su historial de auditoría');
