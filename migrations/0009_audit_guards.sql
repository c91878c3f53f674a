-- 0009_audit_guards: the append-only audit tables also refuse an INSERT
-- that would take an existing row's place. INSERT OR REPLACE (and REPLACE)
-- deletes the row it conflicts with without running its DELETE trigger, so
-- without these a plain sqlite3 session could rewrite a change set, a
-- change, a seal or a declaration in one statement. A new row (its id left
-- to SQLite, or one not yet taken) goes in as before.

CREATE TRIGGER changeset_no_replace BEFORE INSERT ON changeset
WHEN EXISTS (SELECT 1 FROM changeset WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER change_no_replace BEFORE INSERT ON change
WHEN EXISTS (SELECT 1 FROM change WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER seal_no_replace BEFORE INSERT ON seal
WHEN EXISTS (SELECT 1 FROM seal WHERE changeset_id = NEW.changeset_id)
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
-- declaration.changeset_id is UNIQUE too: REPLACE would drop the row it
-- matches there as well
CREATE TRIGGER declaration_no_replace BEFORE INSERT ON declaration
WHEN EXISTS (SELECT 1 FROM declaration WHERE id = NEW.id
             OR changeset_id = NEW.changeset_id)
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
