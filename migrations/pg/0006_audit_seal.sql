-- 0006_audit_seal (PostgreSQL): the audit history is append-only in the
-- database itself, and each change set is sealed with a SHA-256 hash over
-- its content and the previous seal. The triggers keep SQLite's names and
-- messages; TRUNCATE, which no row trigger sees, is refused as well.

CREATE TABLE seal (
  changeset_id BIGINT PRIMARY KEY REFERENCES changeset(id),
  hash         BYTEA NOT NULL CHECK (length(hash) = 32)
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit history is append-only';
END
$$;

-- a sealed change set takes no more changes
CREATE FUNCTION change_not_after_seal() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM seal WHERE changeset_id = NEW.changeset_id) THEN
    RAISE EXCEPTION 'the change set is sealed';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER changeset_no_update BEFORE UPDATE ON changeset
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER changeset_no_delete BEFORE DELETE ON changeset
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER changeset_no_truncate BEFORE TRUNCATE ON changeset
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER change_no_update BEFORE UPDATE ON change
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER change_no_delete BEFORE DELETE ON change
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER change_no_truncate BEFORE TRUNCATE ON change
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER change_not_after_seal BEFORE INSERT ON change
  FOR EACH ROW EXECUTE FUNCTION change_not_after_seal();
CREATE TRIGGER seal_no_update BEFORE UPDATE ON seal
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER seal_no_delete BEFORE DELETE ON seal
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER seal_no_truncate BEFORE TRUNCATE ON seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER declaration_no_truncate BEFORE TRUNCATE ON declaration
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
