-- data/0020_protections.sql: the rows of 0020_protections, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO text (key, lang, value) VALUES
  ('msg.protect_file', 'en',
   'protections: triggers refuse edits of the history and seals show them; '
   || 'whoever can write the file can rewrite both (keep digests elsewhere)'),
  ('msg.protect_file', 'es',
   'protecciones: los disparadores rechazan editar el historial y los sellos '
   || 'lo delatan; quien puede escribir el archivo puede reescribir ambos '
   || '(guarde resúmenes en otro lugar)'),
  ('msg.protect_grants', 'en',
   'protections: only the owner role ''%s'' may change or remove audit rows; '
   || 'every other role can only add and read them'),
  ('msg.protect_grants', 'es',
   'protecciones: solo el rol propietario ''%s'' puede cambiar o quitar filas '
   || 'de auditoría; los demás roles solo pueden añadirlas y leerlas'),
  ('msg.protect_open', 'en',
   'protections: role ''%s'' may %s audit table %s: it can rewrite the history '
   || 'unseen but by digests'),
  ('msg.protect_open', 'es',
   'protecciones: el rol ''%s'' puede hacer %s en la tabla de auditoría %s: '
   || 'puede reescribir el historial sin que se note salvo por los resúmenes');
