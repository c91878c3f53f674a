-- 0008_rules_pages (PostgreSQL): the rules tables generalised to pages of
-- scenarios with codes (see ../0008_rules_pages.sql). Where SQLite rebuilds
-- declaration, changeset and entitlement, ALTER TABLE gives the same
-- columns in the same order.

DROP TABLE rule_value;
DROP TABLE rule_prior;
DROP TABLE rule;

-- A playbook page of scenarios.
CREATE TABLE rule_page (
  code     TEXT COLLATE "C" PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  en       TEXT COLLATE "C" NOT NULL,
  es       TEXT COLLATE "C" NOT NULL
);

-- Who updates FTOP in each phase. own_delivery_fm: only the customer's own
-- delivery FM (the one assigned) may update.
CREATE TABLE who_updates (
  phase           TEXT COLLATE "C" PRIMARY KEY
                    CHECK (phase IN ('assignment', 'delivery')),
  role            TEXT COLLATE "C" NOT NULL CHECK (role IN ('assignment_fm',
                    'delivery_fm', 'account_team')),
  own_delivery_fm INTEGER NOT NULL CHECK (own_delivery_fm IN (0, 1))
);

-- Who may add records once users are registered.
CREATE TABLE record_writer (
  role TEXT COLLATE "C" PRIMARY KEY CHECK (role IN ('assignment_fm',
         'delivery_fm', 'account_team'))
);

-- One row per scenario. via: what applies it, a declaration or a status
-- change (event: the L1 set). phase NULL: either phase.
CREATE TABLE rule (
  scenario         TEXT COLLATE "C" PRIMARY KEY
                     CHECK (length(scenario) BETWEEN 1 AND 4),
  page             TEXT COLLATE "C" NOT NULL REFERENCES rule_page(code),
  position         INTEGER NOT NULL UNIQUE,
  phase            TEXT COLLATE "C" CHECK (phase IN ('assignment', 'delivery')),
  via              TEXT COLLATE "C" NOT NULL
                     CHECK (via IN ('declaration', 'status')),
  event            TEXT COLLATE "C" NOT NULL,
  needs_validation INTEGER NOT NULL DEFAULT 0
                     CHECK (needs_validation IN (0, 1)),
  en               TEXT COLLATE "C" NOT NULL,
  es               TEXT COLLATE "C" NOT NULL,
  CHECK (via = 'status' OR event IN ('no_intent', 'intent_declines_ftc'))
);

-- The states an entitlement may be in for the scenario to apply to it.
CREATE TABLE rule_prior (
  scenario          TEXT COLLATE "C" NOT NULL REFERENCES rule(scenario),
  l1                TEXT COLLATE "C" NOT NULL REFERENCES l1(code),
  l2                TEXT COLLATE "C" REFERENCES l2(code),
  service_no_intent INTEGER CHECK (service_no_intent IN (0, 1))
);
CREATE INDEX rule_prior_scenario ON rule_prior(scenario);

-- What the scenario sets in each playbook column of the entitlement (the
-- sources are described in ../0008_rules_pages.sql).
CREATE TABLE rule_value (
  scenario         TEXT COLLATE "C" NOT NULL REFERENCES rule(scenario),
  field            TEXT COLLATE "C" NOT NULL CHECK (field IN ('l1', 'l2',
                     'l3', 'service_status', 'engagement_scenario',
                     'target_date', 'owner', 'notes', 'next_action_date',
                     'next_action')),
  source           TEXT COLLATE "C" NOT NULL CHECK (source IN ('constant',
                     'declared', 'kept', 'declared_or_kept',
                     'declared_or_service', 'service', 'none')),
  value            TEXT COLLATE "C",
  required         INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  advised          INTEGER NOT NULL DEFAULT 0 CHECK (advised IN (0, 1)),
  cleared_on_leave INTEGER NOT NULL DEFAULT 0
                     CHECK (cleared_on_leave IN (0, 1)),
  PRIMARY KEY (scenario, field),
  CHECK ((source = 'constant') = (value IS NOT NULL AND value <> 'tbd')),
  CHECK (required = 0 OR source IN ('declared', 'declared_or_kept',
         'declared_or_service'))
);

-- The next actions a command closes when it is run.
CREATE TABLE rule_closes (
  command     TEXT COLLATE "C" NOT NULL CHECK (command IN ('assign')),
  next_action TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (command, next_action)
);

-- Warnings, in both languages; %s is filled in by ftrack.
CREATE TABLE message (
  code TEXT COLLATE "C" PRIMARY KEY,
  en   TEXT COLLATE "C" NOT NULL,
  es   TEXT COLLATE "C" NOT NULL
);

-- include: data/0008_rules_pages.sql

-- Declarations: the role is the actor's registered one, NULL when no user
-- is registered.
ALTER TABLE declaration ALTER COLUMN role DROP NOT NULL;

-- Change sets and entitlements: the scenario is a code; the Blocked page's
-- next actions are allowed.
ALTER TABLE changeset
  DROP CONSTRAINT changeset_scenario_check,
  ALTER COLUMN scenario TYPE TEXT COLLATE "C" USING CAST(scenario AS TEXT),
  ADD FOREIGN KEY (scenario) REFERENCES rule(scenario);
ALTER TABLE entitlement
  DROP CONSTRAINT entitlement_scenario_check,
  ALTER COLUMN scenario TYPE TEXT COLLATE "C" USING CAST(scenario AS TEXT),
  ADD FOREIGN KEY (scenario) REFERENCES rule(scenario),
  DROP CONSTRAINT entitlement_next_action_check,
  ADD CONSTRAINT entitlement_next_action_check CHECK (next_action IN
    ('delivery_assignment', 'notify_account_team', 'kickoff_meeting',
     'depends_on_l2_l3'));
