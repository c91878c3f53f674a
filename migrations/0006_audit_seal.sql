-- 0006_audit_seal: the audit history is append-only in the database itself,
-- and each change set is sealed with a SHA-256 hash over its content and
-- the previous seal, so that `ftrack verify` notices any rewrite.

CREATE TABLE seal (
  changeset_id INTEGER PRIMARY KEY REFERENCES changeset(id),
  hash         BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TRIGGER changeset_no_update BEFORE UPDATE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER changeset_no_delete BEFORE DELETE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER change_no_update BEFORE UPDATE ON change
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER change_no_delete BEFORE DELETE ON change
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
-- a sealed change set takes no more changes
CREATE TRIGGER change_not_after_seal BEFORE INSERT ON change
WHEN EXISTS (SELECT 1 FROM seal WHERE changeset_id = NEW.changeset_id)
BEGIN SELECT RAISE(ABORT, 'the change set is sealed'); END;
CREATE TRIGGER seal_no_update BEFORE UPDATE ON seal
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER seal_no_delete BEFORE DELETE ON seal
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
