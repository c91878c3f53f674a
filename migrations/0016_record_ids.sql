-- 0016_record_ids: a record's id is never given to another. Reverting a
-- creation and `subscription remove-workload` delete records; SQLite gives
-- a new row the largest id plus one, so the id of a removed newest record
-- went to the next one, which then inherited its history (and a revert of
-- the removal collided with it). AUTOINCREMENT keeps every id once used,
-- and the sequence starts past every id the history names. Runs with
-- foreign keys off (the tables are rebuilt; what refers to them keeps its
-- ids).

CREATE TABLE workload_new (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  created_at TEXT NOT NULL,
  name_key   TEXT
) STRICT;
INSERT INTO workload_new (id, name, created_at, name_key)
  SELECT id, name, created_at, name_key FROM workload;
DROP TABLE workload;
ALTER TABLE workload_new RENAME TO workload;
CREATE UNIQUE INDEX workload_name_key ON workload(name_key);

CREATE TABLE app_user_new (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  role       TEXT NOT NULL CHECK (role IN ('assignment_fm', 'delivery_fm',
                 'account_team')),
  created_at TEXT NOT NULL,
  name_key   TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  email      TEXT CHECK (email IS NULL OR (
    length(email) BETWEEN 3 AND 254 AND email GLOB '?*@?*' AND
    email NOT GLOB '*@*@*' AND email NOT GLOB '*[^!-~]*' AND
    email NOT GLOB '*[<>(),;:"\[]*' AND email NOT GLOB '*]*'))
) STRICT;
INSERT INTO app_user_new (id, name, role, created_at, name_key, active,
                          email)
  SELECT id, name, role, created_at, name_key, active, email FROM app_user;
DROP TABLE app_user;
ALTER TABLE app_user_new RENAME TO app_user;
CREATE UNIQUE INDEX app_user_name_key ON app_user(name_key);

CREATE TABLE customer_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),
  tenant      TEXT UNIQUE COLLATE NOCASE,
  managed     INTEGER CHECK (managed IN (0, 1)),
  phase       TEXT NOT NULL DEFAULT 'assignment'
                CHECK (phase IN ('assignment', 'delivery')),
  delivery_fm INTEGER REFERENCES app_user(id),
  created_at  TEXT NOT NULL,
  name_key    TEXT,
  tenant_key  TEXT,
  CHECK ((phase = 'delivery') = (delivery_fm IS NOT NULL))
) STRICT;
INSERT INTO customer_new (id, name, tenant, managed, phase, delivery_fm,
                          created_at, name_key, tenant_key)
  SELECT id, name, tenant, managed, phase, delivery_fm, created_at, name_key,
         tenant_key FROM customer;
DROP TABLE customer;
ALTER TABLE customer_new RENAME TO customer;
CREATE UNIQUE INDEX customer_name_key ON customer(name_key);
CREATE UNIQUE INDEX customer_tenant_key ON customer(tenant_key);

CREATE TABLE subscription_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  code        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) > 0),
  created_at  TEXT NOT NULL,
  code_key    TEXT
) STRICT;
INSERT INTO subscription_new (id, customer_id, code, created_at, code_key)
  SELECT id, customer_id, code, created_at, code_key FROM subscription;
DROP TABLE subscription;
ALTER TABLE subscription_new RENAME TO subscription;
CREATE INDEX subscription_customer ON subscription(customer_id);
CREATE UNIQUE INDEX subscription_code_key ON subscription(code_key);

CREATE TABLE entitlement_new (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
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
                        'notify_account_team', 'kickoff_meeting',
                        'depends_on_l2_l3')),
  updated_by          TEXT NOT NULL,
  updated_role        TEXT CHECK (updated_role IN ('assignment_fm',
                        'delivery_fm', 'account_team')),
  updated_at          TEXT NOT NULL,
  scenario            TEXT REFERENCES rule(scenario),
  declaration_id      INTEGER REFERENCES declaration(id),
  UNIQUE (subscription_id, workload_id),
  FOREIGN KEY (l2, l1) REFERENCES l2(code, l1)
) STRICT;
INSERT INTO entitlement_new (id, subscription_id, workload_id, l1, l2, l3,
    service_status, engagement_scenario, target_date, owner, notes,
    next_action_date, next_action, updated_by, updated_role, updated_at,
    scenario, declaration_id)
  SELECT id, subscription_id, workload_id, l1, l2, l3, service_status,
         engagement_scenario, target_date, owner, notes, next_action_date,
         next_action, updated_by, updated_role, updated_at, scenario,
         declaration_id FROM entitlement;
DROP TABLE entitlement;
ALTER TABLE entitlement_new RENAME TO entitlement;
CREATE INDEX entitlement_status ON entitlement(l1, l2);
CREATE INDEX entitlement_next_action ON entitlement(next_action)
  WHERE next_action IS NOT NULL;
CREATE INDEX entitlement_service_status ON entitlement(workload_id, l1, l2,
  subscription_id, declaration_id, next_action, l3);

-- Each sequence starts past the largest id its table or its history names
-- (a record removed before this migration keeps its id too).
WITH t(name) AS (VALUES ('workload'), ('app_user'), ('customer'),
                        ('subscription'), ('entitlement'))
INSERT INTO sqlite_sequence (name, seq)
  SELECT name, 0 FROM t
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = t.name);
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(entity_id)
    FROM change WHERE entity = CASE sqlite_sequence.name
      WHEN 'app_user' THEN 'user' ELSE sqlite_sequence.name END), 0))
  WHERE name IN ('workload', 'app_user', 'customer', 'subscription',
                 'entitlement');
