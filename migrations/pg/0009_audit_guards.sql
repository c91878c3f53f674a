-- 0009_audit_guards (PostgreSQL): an INSERT that would take an existing
-- audit row's place is refused with the append-only message, as on SQLite
-- (INSERT ... ON CONFLICT DO UPDATE meets the UPDATE triggers already).

CREATE FUNCTION audit_no_replace() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  taken BOOLEAN;
BEGIN
  CASE TG_TABLE_NAME
  WHEN 'changeset' THEN
    taken := EXISTS (SELECT 1 FROM changeset WHERE id = NEW.id);
  WHEN 'change' THEN
    taken := EXISTS (SELECT 1 FROM change WHERE id = NEW.id);
  WHEN 'seal' THEN
    taken := EXISTS (SELECT 1 FROM seal WHERE changeset_id = NEW.changeset_id);
  WHEN 'declaration' THEN
    -- declaration.changeset_id is unique too
    taken := EXISTS (SELECT 1 FROM declaration
                     WHERE id = NEW.id OR changeset_id = NEW.changeset_id);
  END CASE;
  IF taken THEN
    RAISE EXCEPTION 'the audit history is append-only';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER changeset_no_replace BEFORE INSERT ON changeset
  FOR EACH ROW EXECUTE FUNCTION audit_no_replace();
CREATE TRIGGER change_no_replace BEFORE INSERT ON change
  FOR EACH ROW EXECUTE FUNCTION audit_no_replace();
CREATE TRIGGER seal_no_replace BEFORE INSERT ON seal
  FOR EACH ROW EXECUTE FUNCTION audit_no_replace();
CREATE TRIGGER declaration_no_replace BEFORE INSERT ON declaration
  FOR EACH ROW EXECUTE FUNCTION audit_no_replace();
