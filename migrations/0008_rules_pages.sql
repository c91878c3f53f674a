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

INSERT INTO rule_page (code, position, en, es) VALUES
  ('no_intent', 1, 'No Intent', 'No intención'),
  ('blocked', 2, 'Blocked', 'Bloqueo'),
  ('status_list', 3, 'Status list', 'Lista de estados');

-- Who updates FTOP in each phase: the playbook's "who updates" column of
-- every scenario follows the customer's phase. own_delivery_fm: only the
-- customer's own delivery FM (the one assigned) may update.
CREATE TABLE who_updates (
  phase           TEXT PRIMARY KEY CHECK (phase IN ('assignment', 'delivery')),
  role            TEXT NOT NULL CHECK (role IN ('assignment_fm', 'delivery_fm',
                    'account_team')),
  own_delivery_fm INTEGER NOT NULL CHECK (own_delivery_fm IN (0, 1))
) STRICT, WITHOUT ROWID;

INSERT INTO who_updates (phase, role, own_delivery_fm) VALUES
  ('assignment', 'assignment_fm', 0),
  ('delivery', 'delivery_fm', 1);

-- Who may add records (users, customers, workloads, subscriptions) once
-- users are registered: the FMs; the account team reads.
CREATE TABLE record_writer (
  role TEXT PRIMARY KEY CHECK (role IN ('assignment_fm', 'delivery_fm',
         'account_team'))
) STRICT, WITHOUT ROWID;

INSERT INTO record_writer (role) VALUES ('assignment_fm'), ('delivery_fm');

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

INSERT INTO rule (scenario, page, position, phase, via, event,
                  needs_validation, en, es) VALUES
  ('1', 'no_intent', 1, 'assignment', 'declaration', 'intent_declines_ftc', 0,
   'Customer does not want to use FTC, but declares intent to use the service',
   'El cliente no quiere usar el FTC, pero dice que tiene intención de usar el servicio'),
  ('2', 'no_intent', 2, 'assignment', 'declaration', 'no_intent', 0,
   'Customer declares no intent to use the service now or in the future',
   'El cliente dice que no tiene intención de usar el servicio ni ahora ni en el futuro'),
  ('3', 'no_intent', 3, 'delivery', 'declaration', 'no_intent', 0,
   'Customer later declares no intent after initial intent assignment',
   'El cliente dice no tener intención después de la asignación de intento inicial'),
  ('4', 'no_intent', 4, 'delivery', 'declaration', 'no_intent', 0,
   'New workload available and customer declares no intent',
   'Nueva carga de trabajo disponible y el cliente declara no tener intención'),
  ('5', 'no_intent', 5, 'delivery', 'declaration', 'no_intent', 1,
   'Additional subscriptions under Status Unknown for an existing No Intent service; No Intent validated with the account team or the customer',
   'Existen suscripciones adicionales bajo Estado desconocido para un servicio de No intención existente; se valida la No intención con el equipo de cuentas o el cliente'),
  ('B1', 'blocked', 6, 'assignment', 'status', 'blocked', 0,
   'Customer has intent to use the service but there are one or more problems keeping them from moving forward with deployment',
   'El cliente tiene la intención de usar el servicio pero hay uno o más problemas que evitan que puedan seguir adelante con la implementación'),
  ('B2', 'blocked', 7, 'delivery', 'status', 'blocked', 0,
   'Customer has intent to use the service but there are one or more problems keeping them from moving forward with deployment',
   'El cliente tiene la intención de usar el servicio pero hay uno o más problemas que evitan que puedan seguir adelante con la implementación'),
  ('S1', 'status_list', 8, NULL, 'status', 'in_progress', 0,
   'Customer declares intent and is deploying or adopting the service',
   'El cliente declara su intención y está implementando o adoptando el servicio'),
  ('S2', 'status_list', 9, NULL, 'status', 'status_unknown', 0,
   'Customer intent is unknown: unresponsive, or a new subscription or workload',
   'La intención del cliente es desconocida: sin respuesta, o una nueva suscripción o carga de trabajo'),
  ('S3', 'status_list', 10, NULL, 'status', 'duplicate_invalid', 0,
   'Duplicate or invalid tenant: removed from all FastTrack reporting',
   'Inquilino duplicado o no válido: se quita de todos los informes de FastTrack');

INSERT INTO rule_prior (scenario, l1, l2, service_no_intent) VALUES
  ('1', 'status_unknown', NULL, NULL), ('1', 'in_progress', NULL, NULL),
  ('1', 'blocked', NULL, NULL), ('1', 'no_intent', NULL, NULL),
  ('2', 'status_unknown', NULL, NULL), ('2', 'in_progress', NULL, NULL),
  ('2', 'blocked', NULL, NULL),
  -- 3: intent was assigned (In Progress, Blocked), or the customer stopped
  -- answering after it (Status Unknown, Customer Unresponsive)
  ('3', 'in_progress', NULL, NULL), ('3', 'blocked', NULL, NULL),
  ('3', 'status_unknown', 'customer_unresponsive', 0),
  ('4', 'status_unknown', 'new_subscription_or_workload', 0),
  ('5', 'status_unknown', NULL, 1),
  ('B1', 'status_unknown', NULL, NULL), ('B1', 'in_progress', NULL, NULL),
  ('B1', 'blocked', NULL, NULL), ('B1', 'no_intent', NULL, NULL),
  ('B2', 'status_unknown', NULL, NULL), ('B2', 'in_progress', NULL, NULL),
  ('B2', 'blocked', NULL, NULL), ('B2', 'no_intent', NULL, NULL);
INSERT INTO rule_prior (scenario, l1, l2, service_no_intent)
  SELECT r.scenario, l1.code, NULL, NULL FROM rule r, l1
  WHERE r.page = 'status_list';

INSERT INTO rule_value (scenario, field, source, value, required, advised,
                        cleared_on_leave) VALUES
  ('1', 'l1', 'constant', 'in_progress', 0, 0, 0),
  ('1', 'l2', 'none', NULL, 0, 0, 0),
  ('1', 'l3', 'none', NULL, 0, 0, 0),
  ('1', 'service_status', 'constant', 'initiate', 0, 0, 0),
  ('1', 'engagement_scenario', 'declared', NULL, 1, 0, 0),
  ('1', 'target_date', 'none', NULL, 0, 0, 0),
  ('1', 'owner', 'kept', NULL, 0, 0, 0),
  ('1', 'notes', 'kept', NULL, 0, 0, 0),
  ('1', 'next_action_date', 'declared', NULL, 1, 0, 0),
  ('1', 'next_action', 'constant', 'delivery_assignment', 0, 0, 0);

-- Scenarios 2 to 4 set the same values; what No Intent set no longer
-- stands once the entitlement leaves it.
INSERT INTO rule_value (scenario, field, source, value, required, advised,
                        cleared_on_leave)
  SELECT s.scenario, v.field, v.source, v.value, v.required, 0, v.cleared
  FROM (SELECT '2' AS scenario UNION ALL SELECT '3' UNION ALL SELECT '4') s,
  (SELECT 'l1' AS field, 'constant' AS source, 'no_intent' AS value,
          0 AS required, 0 AS cleared
   UNION ALL SELECT 'l2', 'declared', NULL, 1, 1
   UNION ALL SELECT 'l3', 'declared', NULL, 0, 1
   UNION ALL SELECT 'service_status', 'none', NULL, 0, 0
   UNION ALL SELECT 'engagement_scenario', 'constant',
                    'depends_on_other_workloads', 0, 1
   UNION ALL SELECT 'target_date', 'none', NULL, 0, 0
   UNION ALL SELECT 'owner', 'constant', 'account_team', 0, 1
   UNION ALL SELECT 'notes', 'declared', NULL, 1, 1
   UNION ALL SELECT 'next_action_date', 'none', 'tbd', 0, 0
   UNION ALL SELECT 'next_action', 'constant', 'notify_account_team', 0, 1) v;

INSERT INTO rule_value (scenario, field, source, value, required, advised,
                        cleared_on_leave) VALUES
  ('5', 'l1', 'constant', 'no_intent', 0, 0, 0),
  ('5', 'l2', 'service', NULL, 0, 0, 1),
  ('5', 'l3', 'service', NULL, 0, 0, 1),
  ('5', 'service_status', 'none', NULL, 0, 0, 0),
  ('5', 'engagement_scenario', 'constant', 'depends_on_other_workloads', 0, 0, 1),
  ('5', 'target_date', 'none', NULL, 0, 0, 0),
  ('5', 'owner', 'constant', 'account_team', 0, 0, 1),
  ('5', 'notes', 'declared_or_service', NULL, 0, 0, 1),
  ('5', 'next_action_date', 'none', 'tbd', 0, 0, 0),
  ('5', 'next_action', 'none', NULL, 0, 0, 0),

  -- B1: the FM chooses the engagement scenario, which stands after the
  -- block is lifted; the rest of what B1 set no longer does.
  ('B1', 'l1', 'constant', 'blocked', 0, 0, 0),
  ('B1', 'l2', 'declared', NULL, 1, 0, 1),
  ('B1', 'l3', 'declared', NULL, 0, 0, 1),
  ('B1', 'service_status', 'none', NULL, 0, 0, 0),
  ('B1', 'engagement_scenario', 'declared', NULL, 1, 0, 0),
  ('B1', 'target_date', 'none', NULL, 0, 0, 0),
  ('B1', 'owner', 'constant', 'delivery_fm', 0, 0, 1),
  ('B1', 'notes', 'declared', NULL, 1, 0, 1),
  ('B1', 'next_action_date', 'declared', NULL, 1, 0, 1),
  ('B1', 'next_action', 'constant', 'kickoff_meeting', 0, 0, 1),

  ('B2', 'l1', 'constant', 'blocked', 0, 0, 0),
  ('B2', 'l2', 'declared', NULL, 1, 0, 1),
  ('B2', 'l3', 'declared', NULL, 0, 0, 1),
  ('B2', 'service_status', 'none', NULL, 0, 0, 0),
  ('B2', 'engagement_scenario', 'kept', NULL, 0, 0, 0),
  ('B2', 'target_date', 'declared', NULL, 1, 0, 1),
  ('B2', 'owner', 'constant', 'account_team', 0, 0, 1),
  ('B2', 'notes', 'declared', NULL, 1, 0, 1),
  ('B2', 'next_action_date', 'none', 'tbd', 0, 0, 0),
  ('B2', 'next_action', 'constant', 'depends_on_l2_l3', 0, 0, 1),

  -- S1: "set a valid target date for all In Progress entitlements"
  ('S1', 'l1', 'constant', 'in_progress', 0, 0, 0),
  ('S1', 'l2', 'declared', NULL, 0, 0, 0),
  ('S1', 'l3', 'declared', NULL, 0, 0, 0),
  ('S1', 'service_status', 'kept', NULL, 0, 0, 0),
  ('S1', 'engagement_scenario', 'kept', NULL, 0, 0, 0),
  ('S1', 'target_date', 'declared_or_kept', NULL, 0, 1, 0),
  ('S1', 'owner', 'kept', NULL, 0, 0, 0),
  ('S1', 'notes', 'declared_or_kept', NULL, 0, 0, 0),
  ('S1', 'next_action_date', 'kept', NULL, 0, 0, 0),
  ('S1', 'next_action', 'kept', NULL, 0, 0, 0),

  ('S2', 'l1', 'constant', 'status_unknown', 0, 0, 0),
  ('S2', 'l2', 'declared', NULL, 1, 0, 0),
  ('S2', 'l3', 'declared', NULL, 0, 0, 0),
  ('S2', 'service_status', 'kept', NULL, 0, 0, 0),
  ('S2', 'engagement_scenario', 'kept', NULL, 0, 0, 0),
  ('S2', 'target_date', 'kept', NULL, 0, 0, 0),
  ('S2', 'owner', 'kept', NULL, 0, 0, 0),
  ('S2', 'notes', 'declared_or_kept', NULL, 0, 0, 0),
  ('S2', 'next_action_date', 'kept', NULL, 0, 0, 0),
  ('S2', 'next_action', 'kept', NULL, 0, 0, 0),

  -- S3: a duplicate or invalid tenant has no next action
  ('S3', 'l1', 'constant', 'duplicate_invalid', 0, 0, 0),
  ('S3', 'l2', 'none', NULL, 0, 0, 0),
  ('S3', 'l3', 'none', NULL, 0, 0, 0),
  ('S3', 'service_status', 'kept', NULL, 0, 0, 0),
  ('S3', 'engagement_scenario', 'kept', NULL, 0, 0, 0),
  ('S3', 'target_date', 'kept', NULL, 0, 0, 0),
  ('S3', 'owner', 'kept', NULL, 0, 0, 0),
  ('S3', 'notes', 'declared_or_kept', NULL, 0, 0, 0),
  ('S3', 'next_action_date', 'none', NULL, 0, 0, 0),
  ('S3', 'next_action', 'none', NULL, 0, 0, 0);

-- The next actions a command closes when it is run: assigning the
-- delivery FM is scenario 1's "Delivery Assignment".
CREATE TABLE rule_closes (
  command     TEXT NOT NULL CHECK (command IN ('assign')),
  next_action TEXT NOT NULL,
  PRIMARY KEY (command, next_action)
) STRICT, WITHOUT ROWID;
INSERT INTO rule_closes (command, next_action) VALUES
  ('assign', 'delivery_assignment');

INSERT INTO label (kind, code, en, es) VALUES
  ('next_action', 'kickoff_meeting', 'Kickoff Meeting', 'Reunión de inicio'),
  ('next_action', 'depends_on_l2_l3', 'Depends on L2/L3', 'Depende de L2 y L3');

INSERT INTO rule_text (code, en, es) VALUES
  ('declared_or_service', 'from the declaration, else the existing value',
   'de la declaración, si no el valor existente'),
  ('given', 'given', 'indicado'),
  ('given_required', 'given (required)', 'indicado (obligatorio)'),
  ('given_or_kept', 'given, else unchanged', 'indicado, si no sin cambios'),
  ('advised', 'ftrack warns when missing', 'ftrack avisa si falta'),
  ('any_phase', 'any', 'cualquiera'),
  ('by_phase', 'by phase', 'según la fase'),
  ('col_page', 'Page', 'Página'),
  ('col_own_delivery_fm', 'Only the customer''s delivery FM',
   'Solo el FM de entrega del cliente'),
  ('yes', 'yes', 'sí'),
  ('no', 'no', 'no'),
  ('overdue', 'overdue', 'vencida');

-- Warnings, in both languages; %s is filled in by ftrack.
CREATE TABLE message (
  code TEXT PRIMARY KEY,
  en   TEXT NOT NULL,
  es   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO message (code, en, es) VALUES
  ('notes_vague',
   'the note says when, not why: the playbook asks for the reason and to avoid "for now", "currently" and "yet" (templates: ftrack declare --help)',
   'la nota dice cuándo, no por qué: el manual pide el motivo y evitar "por ahora", "actualmente" y "todavía" (plantillas: ftrack declare --help)'),
  ('notes_short',
   'the note is short: the playbook asks for the intent and the reason behind it (templates: ftrack declare --help)',
   'la nota es breve: el manual pide la intención y el motivo (plantillas: ftrack declare --help)'),
  ('date_past', '%s: %s %s is in the past', '%s: %s %s ya pasó'),
  ('missing_advised',
   '%s: %s is missing (the playbook asks for it on every %s entitlement)',
   '%s: falta %s (el manual la pide en cada derecho %s)'),
  ('passed_over', 'passed over %s (Duplicate/Invalid)',
   'se omite %s (Duplicado/No válido)');

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
