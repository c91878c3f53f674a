-- 0001_schema: the records ftrack keeps and the audit history of every change.
-- Codes are lowercase with underscores; labels live in the reference tables.

CREATE TABLE l1 (
  code     TEXT PRIMARY KEY CHECK (code IN ('status_unknown', 'in_progress',
                 'no_intent', 'blocked', 'duplicate_invalid')),
  en       TEXT NOT NULL,
  es       TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TABLE l2 (
  code     TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z_]*'),
  l1       TEXT NOT NULL REFERENCES l1(code),
  en       TEXT NOT NULL,
  es       TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE,
  UNIQUE (code, l1)
) STRICT;

-- Labels of the other enumerated codes (roles, phases, next actions ...).
CREATE TABLE label (
  kind TEXT NOT NULL CHECK (kind IN ('role', 'phase', 'service_status',
         'engagement_scenario', 'next_action', 'validated_with', 'led_by')),
  code TEXT NOT NULL,
  en   TEXT NOT NULL,
  es   TEXT NOT NULL,
  PRIMARY KEY (kind, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE workload (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE app_user (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  role       TEXT NOT NULL CHECK (role IN ('assignment_fm', 'delivery_fm',
                 'account_team')),
  created_at TEXT NOT NULL
) STRICT;

-- A customer is in the assignment phase until a delivery FM is assigned.
CREATE TABLE customer (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  tenant      TEXT UNIQUE COLLATE NOCASE,
  managed     INTEGER CHECK (managed IN (0, 1)),
  phase       TEXT NOT NULL DEFAULT 'assignment'
                CHECK (phase IN ('assignment', 'delivery')),
  delivery_fm INTEGER REFERENCES app_user(id),
  created_at  TEXT NOT NULL,
  CHECK ((phase = 'delivery') = (delivery_fm IS NOT NULL))
) STRICT;

CREATE TABLE subscription (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  code        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) > 0),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX subscription_customer ON subscription(customer_id);

-- One subscription x one workload: the row whose status the playbook sets.
CREATE TABLE entitlement (
  id                  INTEGER PRIMARY KEY,
  subscription_id     INTEGER NOT NULL REFERENCES subscription(id),
  workload_id         INTEGER NOT NULL REFERENCES workload(id),
  l1                  TEXT NOT NULL REFERENCES l1(code),
  l2                  TEXT,
  l3                  TEXT,
  service_status      TEXT CHECK (service_status IN ('initiate')),
  engagement_scenario TEXT CHECK (engagement_scenario IN ('customer_led',
                        'partner_led', 'depends_on_other_workloads')),
  target_date         TEXT CHECK (target_date IS date(target_date, '+0 days')),
  owner               TEXT CHECK (owner IN ('assignment_fm', 'delivery_fm',
                        'account_team')),
  notes               TEXT,
  next_action_date    TEXT CHECK (next_action_date IS
                        date(next_action_date, '+0 days')),
  next_action         TEXT CHECK (next_action IN ('delivery_assignment',
                        'notify_account_team')),
  updated_by          TEXT NOT NULL,
  updated_role        TEXT CHECK (updated_role IN ('assignment_fm',
                        'delivery_fm', 'account_team')),
  updated_at          TEXT NOT NULL,
  scenario            INTEGER CHECK (scenario BETWEEN 1 AND 5),
  UNIQUE (subscription_id, workload_id),
  FOREIGN KEY (l2, l1) REFERENCES l2(code, l1)
) STRICT;
CREATE INDEX entitlement_workload ON entitlement(workload_id);
CREATE INDEX entitlement_status ON entitlement(l1, l2);

-- The audit history: one change set per command, one change row per field.
CREATE TABLE changeset (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  who             TEXT NOT NULL,
  role            TEXT CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  what            TEXT NOT NULL,
  customer_id     INTEGER REFERENCES customer(id),
  workload_id     INTEGER REFERENCES workload(id),
  subscription_id INTEGER REFERENCES subscription(id),
  scenario        INTEGER CHECK (scenario BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX changeset_customer ON changeset(customer_id);

CREATE TABLE change (
  id           INTEGER PRIMARY KEY,
  changeset_id INTEGER NOT NULL REFERENCES changeset(id),
  entity       TEXT NOT NULL CHECK (entity IN ('user', 'customer', 'workload',
                 'subscription', 'entitlement', 'declaration')),
  entity_id    INTEGER NOT NULL,
  field        TEXT NOT NULL,
  old_value    TEXT,
  new_value    TEXT
) STRICT;
CREATE INDEX change_changeset ON change(changeset_id);
CREATE INDEX change_entity ON change(entity, entity_id, field);
