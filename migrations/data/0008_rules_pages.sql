-- data/0008_rules_pages.sql: the rows of 0008_rules_pages, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

INSERT INTO rule_page (code, position, en, es) VALUES
  ('no_intent', 1, 'No Intent', 'No intención'),
  ('blocked', 2, 'Blocked', 'Bloqueo'),
  ('status_list', 3, 'Status list', 'Lista de estados');

INSERT INTO who_updates (phase, role, own_delivery_fm) VALUES
  ('assignment', 'assignment_fm', 0),
  ('delivery', 'delivery_fm', 1);

INSERT INTO record_writer (role) VALUES ('assignment_fm'), ('delivery_fm');

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
