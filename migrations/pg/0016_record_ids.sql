-- 0016_record_ids (PostgreSQL): a record's id is never given to another, as
-- SQLite's AUTOINCREMENT keeps it: a new workload, user, customer,
-- subscription or entitlement gets one more than the largest id its table
-- ever held. ftrack_sequence keeps, per table, the largest id of a row
-- deleted (SQLite's sqlite_sequence keeps the largest id given; the larger
-- of it and the table's largest id is the same number). A copy from SQLite
-- sets it from sqlite_sequence.

CREATE TABLE ftrack_sequence (
  name TEXT COLLATE "C" PRIMARY KEY CHECK (name IN ('workload', 'app_user',
         'customer', 'subscription', 'entitlement')),
  seq  BIGINT NOT NULL
);

CREATE FUNCTION ftrack_sequence_keep() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO ftrack_sequence (name, seq) VALUES (TG_TABLE_NAME, OLD.id)
    ON CONFLICT (name) DO UPDATE
    SET seq = greatest(ftrack_sequence.seq, excluded.seq);
  RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION next_id() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF NEW.id IS NULL THEN
    CASE TG_TABLE_NAME
    WHEN 'workload' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM workload;
    WHEN 'app_user' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM app_user;
    WHEN 'customer' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM customer;
    WHEN 'subscription' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM subscription;
    WHEN 'entitlement' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM entitlement;
    WHEN 'changeset' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM changeset;
    WHEN 'change' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM change;
    WHEN 'declaration' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM declaration;
    END CASE;
    IF TG_TABLE_NAME IN ('workload', 'app_user', 'customer', 'subscription',
                         'entitlement') THEN
      NEW.id := greatest(NEW.id, (SELECT seq + 1 FROM ftrack_sequence
                                  WHERE name = TG_TABLE_NAME));
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER workload_sequence AFTER DELETE ON workload
  FOR EACH ROW EXECUTE FUNCTION ftrack_sequence_keep();
CREATE TRIGGER app_user_sequence AFTER DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION ftrack_sequence_keep();
CREATE TRIGGER customer_sequence AFTER DELETE ON customer
  FOR EACH ROW EXECUTE FUNCTION ftrack_sequence_keep();
CREATE TRIGGER subscription_sequence AFTER DELETE ON subscription
  FOR EACH ROW EXECUTE FUNCTION ftrack_sequence_keep();
CREATE TRIGGER entitlement_sequence AFTER DELETE ON entitlement
  FOR EACH ROW EXECUTE FUNCTION ftrack_sequence_keep();
