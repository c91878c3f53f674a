-- data/0003_rules.sql: the rows of 0003_rules, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO rule (scenario, phase, declared, service_no_intent, updater,
                  needs_validation, en, es) VALUES
  (1, 'assignment', 'intent_declines_ftc', NULL, 'assignment_fm', 0,
   'Customer does not want to use FTC, but declares intent to use the service',
   'El cliente no quiere usar el FTC, pero dice que tiene intención de usar el servicio'),
  (2, 'assignment', 'no_intent', NULL, 'assignment_fm', 0,
   'Customer declares no intent to use the service now or in the future',
   'El cliente dice que no tiene intención de usar el servicio ni ahora ni en el futuro'),
  (3, 'delivery', 'no_intent', NULL, 'delivery_fm', 0,
   'Customer later declares no intent after initial intent assignment',
   'El cliente dice no tener intención después de la asignación de intento inicial'),
  (4, 'delivery', 'no_intent', 0, 'delivery_fm', 0,
   'New workload available and customer declares no intent',
   'Nueva carga de trabajo disponible y el cliente declara no tener intención'),
  (5, 'delivery', 'no_intent', 1, 'delivery_fm', 1,
   'Additional subscriptions under Status Unknown for an existing No Intent service; No Intent validated with the account team or the customer',
   'Existen suscripciones adicionales bajo Estado desconocido para un servicio de No intención existente; se valida la No intención con el equipo de cuentas o el cliente');

INSERT INTO rule_prior (scenario, l1) VALUES
  (1, 'status_unknown'), (1, 'in_progress'), (1, 'blocked'), (1, 'no_intent'),
  (2, 'status_unknown'), (2, 'in_progress'), (2, 'blocked'),
  (3, 'in_progress'), (3, 'blocked'),
  (4, 'status_unknown'),
  (5, 'status_unknown');

INSERT INTO rule_value (scenario, field, source, value, required) VALUES
  (1, 'l1', 'constant', 'in_progress', 0),
  (1, 'l2', 'none', NULL, 0),
  (1, 'l3', 'none', NULL, 0),
  (1, 'service_status', 'constant', 'initiate', 0),
  (1, 'engagement_scenario', 'declared', NULL, 1),
  (1, 'target_date', 'none', NULL, 0),
  (1, 'owner', 'kept', NULL, 0),
  (1, 'notes', 'kept', NULL, 0),
  (1, 'next_action_date', 'declared', NULL, 1),
  (1, 'next_action', 'constant', 'delivery_assignment', 0);

-- Scenarios 2 to 4 set the same values.
INSERT INTO rule_value (scenario, field, source, value, required)
  SELECT s.scenario, v.field, v.source, v.value, v.required
  FROM (SELECT 2 AS scenario UNION ALL SELECT 3 UNION ALL SELECT 4) s,
  (SELECT 'l1' AS field, 'constant' AS source, 'no_intent' AS value,
          0 AS required
   UNION ALL SELECT 'l2', 'declared', NULL, 1
   UNION ALL SELECT 'l3', 'declared', NULL, 0
   UNION ALL SELECT 'service_status', 'none', NULL, 0
   UNION ALL SELECT 'engagement_scenario', 'constant',
                    'depends_on_other_workloads', 0
   UNION ALL SELECT 'target_date', 'none', NULL, 0
   UNION ALL SELECT 'owner', 'constant', 'account_team', 0
   UNION ALL SELECT 'notes', 'declared', NULL, 1
   UNION ALL SELECT 'next_action_date', 'none', 'tbd', 0
   UNION ALL SELECT 'next_action', 'constant', 'notify_account_team', 0) v;

INSERT INTO rule_value (scenario, field, source, value, required) VALUES
  (5, 'l1', 'constant', 'no_intent', 0),
  (5, 'l2', 'service', NULL, 0),
  (5, 'l3', 'service', NULL, 0),
  (5, 'service_status', 'none', NULL, 0),
  (5, 'engagement_scenario', 'constant', 'depends_on_other_workloads', 0),
  (5, 'target_date', 'none', NULL, 0),
  (5, 'owner', 'constant', 'account_team', 0),
  (5, 'notes', 'declared_or_kept', NULL, 0),
  (5, 'next_action_date', 'none', 'tbd', 0),
  (5, 'next_action', 'none', NULL, 0);

INSERT INTO rule_text (code, en, es) VALUES
  ('none', 'N/A', 'ND'),
  ('tbd', 'TBD', 'TBD'),
  ('kept', 'unchanged', 'sin cambios'),
  ('service', 'the existing value', 'el valor existente'),
  ('declared', 'from the declaration', 'de la declaración'),
  ('declared_required', 'from the declaration (required)',
   'de la declaración (obligatorio)'),
  ('declared_or_kept', 'from the declaration, else unchanged',
   'de la declaración, si no sin cambios'),
  ('col_scenario', 'Scenario', 'Escenario'),
  ('col_phase', 'Phase', 'Fase'),
  ('col_description', 'Description', 'Descripción'),
  ('col_updater', 'Who updates FTOP', 'Quién actualiza FTOP'),
  ('col_l1', 'L1', 'Valor L1'),
  ('col_l2', 'L2', 'Valor L2'),
  ('col_l3', 'L3', 'Valor L3'),
  ('col_service_status', 'Service status', 'Estado del servicio'),
  ('col_engagement_scenario', 'Engagement scenario',
   'Escenario de interacción del servicio'),
  ('col_target_date', 'Target date', 'Fecha focalizada'),
  ('col_owner', 'Owner', 'Dueño'),
  ('col_notes', 'Notes', 'Notas'),
  ('col_next_action_date', 'Next action date', 'Próxima fecha de ejecución'),
  ('col_next_action', 'Next action', 'Próxima acción a ejecutar');
