-- 0012_corrections: mistakes can be fixed. A user who left is deactivated
-- (and can no longer write) rather than removed, so that the history keeps
-- the name. A record added by mistake can be removed by reverting the
-- change set that added it: its change sets stay, so they no longer hold a
-- foreign key to the record (the change set keeps the ids it was about,
-- and its summary says what it was).

ALTER TABLE app_user ADD COLUMN active INTEGER NOT NULL DEFAULT 1
  CHECK (active IN (0, 1));

-- include: data/0012_corrections.sql

CREATE TABLE changeset_new (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  who             TEXT NOT NULL,
  role            TEXT CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  what            TEXT NOT NULL,
  customer_id     INTEGER,
  workload_id     INTEGER,
  subscription_id INTEGER,
  scenario        TEXT REFERENCES rule(scenario),
  what_es         TEXT
) STRICT;
INSERT INTO changeset_new SELECT id, at, who, role, what, customer_id,
  workload_id, subscription_id, scenario, what_es FROM changeset;
DROP TABLE changeset;
ALTER TABLE changeset_new RENAME TO changeset;
CREATE INDEX changeset_customer ON changeset(customer_id);
CREATE TRIGGER changeset_no_update BEFORE UPDATE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER changeset_no_delete BEFORE DELETE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER changeset_no_replace BEFORE INSERT ON changeset
WHEN EXISTS (SELECT 1 FROM changeset WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;

