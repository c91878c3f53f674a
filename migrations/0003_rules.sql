-- 0003_rules: the playbook's No Intent scenarios as data, the declarations
-- users enter, and the labels the rules table is printed with.

-- One row per scenario: when it applies and who updates FTOP.
CREATE TABLE rule (
  scenario          INTEGER PRIMARY KEY CHECK (scenario > 0),
  phase             TEXT NOT NULL CHECK (phase IN ('assignment', 'delivery')),
  declared          TEXT NOT NULL CHECK (declared IN ('no_intent',
                      'intent_declines_ftc')),
  -- NULL: whatever the service's other entitlements are; 0: none of them
  -- is No Intent; 1: one of them already is.
  service_no_intent INTEGER CHECK (service_no_intent IN (0, 1)),
  updater           TEXT NOT NULL CHECK (updater IN ('assignment_fm',
                      'delivery_fm')),
  -- The declaration must say with whom No Intent was validated.
  needs_validation  INTEGER NOT NULL DEFAULT 0
                      CHECK (needs_validation IN (0, 1)),
  en                TEXT NOT NULL,
  es                TEXT NOT NULL
) STRICT;

-- The L1s an entitlement may be in for the scenario to apply to it.
CREATE TABLE rule_prior (
  scenario INTEGER NOT NULL REFERENCES rule(scenario),
  l1       TEXT NOT NULL REFERENCES l1(code),
  PRIMARY KEY (scenario, l1)
) STRICT, WITHOUT ROWID;

-- What the scenario sets in each playbook column of the entitlement:
--   constant  value
--   declared  the declaration's value (NULL when it gives none)
--   kept      the entitlement's current value
--   declared_or_kept  the declaration's value, else the current one
--   service   the value of the service's existing No Intent entitlement
--   none      no value; value 'tbd' prints as TBD rather than N/A
-- required: the declaration must give the value.
CREATE TABLE rule_value (
  scenario INTEGER NOT NULL REFERENCES rule(scenario),
  field    TEXT NOT NULL CHECK (field IN ('l1', 'l2', 'l3', 'service_status',
             'engagement_scenario', 'target_date', 'owner', 'notes',
             'next_action_date', 'next_action')),
  source   TEXT NOT NULL CHECK (source IN ('constant', 'declared', 'kept',
             'declared_or_kept', 'service', 'none')),
  value    TEXT,
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  PRIMARY KEY (scenario, field),
  CHECK ((source = 'constant') = (value IS NOT NULL AND value <> 'tbd')),
  CHECK (required = 0 OR source IN ('declared', 'declared_or_kept'))
) STRICT, WITHOUT ROWID;

CREATE TABLE declaration (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  who            TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('assignment_fm', 'delivery_fm',
                   'account_team')),
  customer_id    INTEGER NOT NULL REFERENCES customer(id),
  workload_id    INTEGER REFERENCES workload(id),
  subscription_id INTEGER REFERENCES subscription(id),
  declared       TEXT NOT NULL CHECK (declared IN ('no_intent',
                   'intent_declines_ftc')),
  l2             TEXT REFERENCES l2(code),
  l3             TEXT,
  notes          TEXT,
  validated_with TEXT CHECK (validated_with IN ('account_team', 'customer')),
  led_by         TEXT CHECK (led_by IN ('customer', 'partner')),
  kickoff        TEXT CHECK (kickoff IS date(kickoff, '+0 days')),
  changeset_id   INTEGER NOT NULL UNIQUE REFERENCES changeset(id)
) STRICT;
CREATE INDEX declaration_customer ON declaration(customer_id);

-- How the rules table describes each source, and the column headers.
CREATE TABLE rule_text (
  code TEXT PRIMARY KEY,
  en   TEXT NOT NULL,
  es   TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- include: data/0003_rules.sql

-- The open next actions are few among many entitlements.
CREATE INDEX entitlement_next_action ON entitlement(next_action)
  WHERE next_action IS NOT NULL;
