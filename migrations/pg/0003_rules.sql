-- 0003_rules (PostgreSQL): the playbook's No Intent scenarios as data, the
-- declarations users enter, and the labels the rules table is printed with.

-- One row per scenario: when it applies and who updates FTOP.
CREATE TABLE rule (
  scenario          INTEGER PRIMARY KEY CHECK (scenario > 0),
  phase             TEXT COLLATE "C" NOT NULL
                      CHECK (phase IN ('assignment', 'delivery')),
  declared          TEXT COLLATE "C" NOT NULL CHECK (declared IN
                      ('no_intent', 'intent_declines_ftc')),
  service_no_intent INTEGER CHECK (service_no_intent IN (0, 1)),
  updater           TEXT COLLATE "C" NOT NULL CHECK (updater IN
                      ('assignment_fm', 'delivery_fm')),
  needs_validation  INTEGER NOT NULL DEFAULT 0
                      CHECK (needs_validation IN (0, 1)),
  en                TEXT COLLATE "C" NOT NULL,
  es                TEXT COLLATE "C" NOT NULL
);

CREATE TABLE rule_prior (
  scenario INTEGER NOT NULL REFERENCES rule(scenario),
  l1       TEXT COLLATE "C" NOT NULL REFERENCES l1(code),
  PRIMARY KEY (scenario, l1)
);

CREATE TABLE rule_value (
  scenario INTEGER NOT NULL REFERENCES rule(scenario),
  field    TEXT COLLATE "C" NOT NULL CHECK (field IN ('l1', 'l2', 'l3',
             'service_status', 'engagement_scenario', 'target_date', 'owner',
             'notes', 'next_action_date', 'next_action')),
  source   TEXT COLLATE "C" NOT NULL CHECK (source IN ('constant',
             'declared', 'kept', 'declared_or_kept', 'service', 'none')),
  value    TEXT COLLATE "C",
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  PRIMARY KEY (scenario, field),
  CHECK ((source = 'constant') = (value IS NOT NULL AND value <> 'tbd')),
  CHECK (required = 0 OR source IN ('declared', 'declared_or_kept'))
);

CREATE TABLE declaration (
  id              BIGINT PRIMARY KEY,
  at              TEXT COLLATE "C" NOT NULL,
  who             TEXT COLLATE "C" NOT NULL,
  role            TEXT COLLATE "C" NOT NULL CHECK (role IN ('assignment_fm',
                    'delivery_fm', 'account_team')),
  customer_id     BIGINT NOT NULL REFERENCES customer(id),
  workload_id     BIGINT REFERENCES workload(id),
  subscription_id BIGINT REFERENCES subscription(id),
  declared        TEXT COLLATE "C" NOT NULL CHECK (declared IN ('no_intent',
                    'intent_declines_ftc')),
  l2              TEXT COLLATE "C" REFERENCES l2(code),
  l3              TEXT COLLATE "C",
  notes           TEXT COLLATE "C",
  validated_with  TEXT COLLATE "C" CHECK (validated_with IN ('account_team',
                    'customer')),
  led_by          TEXT COLLATE "C" CHECK (led_by IN ('customer', 'partner')),
  kickoff         TEXT COLLATE "C" CHECK (valid_date(kickoff)),
  changeset_id    BIGINT NOT NULL UNIQUE REFERENCES changeset(id)
);
CREATE INDEX declaration_customer ON declaration(customer_id);
CREATE TRIGGER declaration_next_id BEFORE INSERT ON declaration
  FOR EACH ROW EXECUTE FUNCTION next_id();

-- How the rules table describes each source, and the column headers.
CREATE TABLE rule_text (
  code TEXT COLLATE "C" PRIMARY KEY,
  en   TEXT COLLATE "C" NOT NULL,
  es   TEXT COLLATE "C" NOT NULL
);

-- include: data/0003_rules.sql

-- The open next actions are few among many entitlements.
CREATE INDEX entitlement_next_action ON entitlement(next_action)
  WHERE next_action IS NOT NULL;
