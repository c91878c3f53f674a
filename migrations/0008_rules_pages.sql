-- 0008_rules_pages: the rules hold on every path. The rules tables are
-- generalised from the No Intent page's five numbered scenarios to pages of
-- scenarios with codes (1-5, B1-B2, S1-S3), matched by a declaration or by
-- a status change; the Blocked page and the rest of the status list join
-- the No Intent page; who updates FTOP in each phase is a table. Runs with
-- foreign keys off (see migrate()): tables whose CHECKs change are rebuilt,
-- and the foreign keys are checked before it commits.

DROP TABLE rule_value;
DROP TABLE rule_prior;
DROP TABLE rule;

-- A playbook page of scenarios.
CREATE TABLE rule_page (
  code     TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  en       TEXT NOT NULL,
  es       TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Who updates FTOP in each phase: the playbook's "who updates" column of
-- every scenario follows the customer's phase. own_delivery_fm: only the
-- customer's own delivery FM (the one assigned) may update.
CREATE TABLE who_updates (
  phase           TEXT PRIMARY KEY CHECK (phase IN ('assignment', 'delivery')),
  role            TEXT NOT NULL CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  own_delivery_fm INTEGER NOT NULL CHECK (own_delivery_fm IN (0, 1))
) STRICT, WITHOUT ROWID;

-- Who may add records (users, customers, workloads, subscriptions) once
-- users are registered: the FMs; the account team reads.
CREATE TABLE record_writer (
  role TEXT PRIMARY KEY CHECK (role IN ('assignment_fm', 'delivery_fm',
         'account_team'))
) STRICT, WITHOUT ROWID;

-- One row per scenario. via: what applies it, a declaration ('no_intent',
-- 'intent_declines_ftc') or a status change (event: the L1 set). phase
-- NULL: either phase.
CREATE TABLE rule (
  scenario         TEXT PRIMARY KEY CHECK (length(scenario) BETWEEN 1 AND 4),
  page             TEXT NOT NULL REFERENCES rule_page(code),
  position         INTEGER NOT NULL UNIQUE,
  phase            TEXT CHECK (phase IN ('assignment', 'delivery')),
  via              TEXT NOT NULL CHECK (via IN ('declaration', 'status')),
  event            TEXT NOT NULL,
  -- the declaration must say with whom No Intent was validated
  needs_validation INTEGER NOT NULL DEFAULT 0
                     CHECK (needs_validation IN (0, 1)),
  en               TEXT NOT NULL,
  es               TEXT NOT NULL,
  CHECK (via = 'status' OR event IN ('no_intent', 'intent_declines_ftc'))
) STRICT;

-- The states an entitlement may be in for the scenario to apply to it: its
-- L1, its L2 (NULL: any), and whether another entitlement of the service
-- is already No Intent (NULL: either).
CREATE TABLE rule_prior (
  scenario          TEXT NOT NULL REFERENCES rule(scenario),
  l1                TEXT NOT NULL REFERENCES l1(code),
  l2                TEXT REFERENCES l2(code),
  service_no_intent INTEGER CHECK (service_no_intent IN (0, 1))
) STRICT;
CREATE INDEX rule_prior_scenario ON rule_prior(scenario);

-- What the scenario sets in each playbook column of the entitlement:
--   constant  value
--   declared  the value given (NULL when none is)
--   kept      the entitlement's current value
--   declared_or_kept     the value given, else the current one
--   declared_or_service  the value given, else the service's existing No
--                        Intent value
--   service   the value of the service's existing No Intent entitlement
--   none      no value; value 'tbd' prints as TBD rather than N/A
-- required: the value must be given. advised: ftrack warns when the column
-- ends up with no value. cleared_on_leave: once the entitlement leaves the
-- scenario's L1, the value it set no longer stands (a later rule that keeps
-- the column gets no value).
CREATE TABLE rule_value (
  scenario         TEXT NOT NULL REFERENCES rule(scenario),
  field            TEXT NOT NULL CHECK (field IN ('l1', 'l2', 'l3',
                     'service_status', 'engagement_scenario', 'target_date',
                     'owner', 'notes', 'next_action_date', 'next_action')),
  source           TEXT NOT NULL CHECK (source IN ('constant', 'declared',
                     'kept', 'declared_or_kept', 'declared_or_service',
                     'service', 'none')),
  value            TEXT,
  required         INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  advised          INTEGER NOT NULL DEFAULT 0 CHECK (advised IN (0, 1)),
  cleared_on_leave INTEGER NOT NULL DEFAULT 0
                     CHECK (cleared_on_leave IN (0, 1)),
  PRIMARY KEY (scenario, field),
  CHECK ((source = 'constant') = (value IS NOT NULL AND value <> 'tbd')),
  CHECK (required = 0 OR source IN ('declared', 'declared_or_kept',
         'declared_or_service'))
) STRICT, WITHOUT ROWID;

-- The next actions a command closes when it is run: assigning the
-- delivery FM is scenario 1's "Delivery Assignment".
CREATE TABLE rule_closes (
  command     TEXT NOT NULL CHECK (command IN ('assign')),
  next_action TEXT NOT NULL,
  PRIMARY KEY (command, next_action)
) STRICT, WITHOUT ROWID;

-- Warnings, in both languages; %s is filled in by ftrack.
CREATE TABLE message (
  code TEXT PRIMARY KEY,
  en   TEXT NOT NULL,
  es   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- include: data/0008_rules_pages.sql

-- Declarations: the role is the actor's registered one, NULL when no user
-- is registered (it was the scenario's updater before).
CREATE TABLE declaration_new (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  who             TEXT NOT NULL,
  role            TEXT CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  customer_id     INTEGER NOT NULL REFERENCES customer(id),
  workload_id     INTEGER REFERENCES workload(id),
  subscription_id INTEGER REFERENCES subscription(id),
  declared        TEXT NOT NULL CHECK (declared IN ('no_intent',
                    'intent_declines_ftc')),
  l2              TEXT REFERENCES l2(code),
  l3              TEXT,
  notes           TEXT,
  validated_with  TEXT CHECK (validated_with IN ('account_team', 'customer')),
  led_by          TEXT CHECK (led_by IN ('customer', 'partner')),
  kickoff         TEXT CHECK (kickoff IS date(kickoff, '+0 days')),
  changeset_id    INTEGER NOT NULL UNIQUE REFERENCES changeset(id)
) STRICT;
INSERT INTO declaration_new SELECT id, at, who, role, customer_id,
  workload_id, subscription_id, declared, l2, l3, notes, validated_with,
  led_by, kickoff, changeset_id FROM declaration;
DROP TABLE declaration;
ALTER TABLE declaration_new RENAME TO declaration;
CREATE INDEX declaration_customer ON declaration(customer_id);
CREATE TRIGGER declaration_no_update BEFORE UPDATE ON declaration
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER declaration_no_delete BEFORE DELETE ON declaration
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;

-- Change sets: the scenario is a code. The seal hashes a numeric code as
-- the integer it was stored as before (seal.c), so older seals hold.
CREATE TABLE changeset_new (
  id              INTEGER PRIMARY KEY,
  at              TEXT NOT NULL,
  who             TEXT NOT NULL,
  role            TEXT CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  what            TEXT NOT NULL,
  customer_id     INTEGER REFERENCES customer(id),
  workload_id     INTEGER REFERENCES workload(id),
  subscription_id INTEGER REFERENCES subscription(id),
  scenario        TEXT REFERENCES rule(scenario),
  what_es         TEXT
) STRICT;
INSERT INTO changeset_new SELECT id, at, who, role, what, customer_id,
  workload_id, subscription_id, CAST(scenario AS TEXT), what_es
  FROM changeset;
DROP TABLE changeset;
ALTER TABLE changeset_new RENAME TO changeset;
CREATE INDEX changeset_customer ON changeset(customer_id);
CREATE TRIGGER changeset_no_update BEFORE UPDATE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER changeset_no_delete BEFORE DELETE ON changeset
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;

-- Entitlements: the scenario is a code, and the Blocked page's next
-- actions are allowed.
CREATE TABLE entitlement_new (
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
INSERT INTO entitlement_new SELECT id, subscription_id, workload_id, l1, l2,
  l3, service_status, engagement_scenario, target_date, owner, notes,
  next_action_date, next_action, updated_by, updated_role, updated_at,
  CAST(scenario AS TEXT), declaration_id FROM entitlement;
DROP TABLE entitlement;
ALTER TABLE entitlement_new RENAME TO entitlement;
CREATE INDEX entitlement_status ON entitlement(l1, l2);
CREATE INDEX entitlement_next_action ON entitlement(next_action)
  WHERE next_action IS NOT NULL;
CREATE INDEX entitlement_service_status ON entitlement(workload_id, l1, l2,
  subscription_id, declaration_id, next_action, l3);
