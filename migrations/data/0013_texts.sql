-- data/0013_texts.sql: the rows of 0013_texts, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

-- What the code and reference tables held in two columns moves here.
INSERT INTO text (key, lang, value)
  SELECT 'l1.' || code, 'en', en FROM l1 UNION ALL
  SELECT 'l1.' || code, 'es', es FROM l1 UNION ALL
  SELECT 'l2.' || code, 'en', en FROM l2 UNION ALL
  SELECT 'l2.' || code, 'es', es FROM l2 UNION ALL
  SELECT kind || '.' || code, 'en', en FROM label UNION ALL
  SELECT kind || '.' || code, 'es', es FROM label UNION ALL
  SELECT 'rule.' || scenario, 'en', en FROM rule UNION ALL
  SELECT 'rule.' || scenario, 'es', es FROM rule UNION ALL
  SELECT 'page.' || code, 'en', en FROM rule_page UNION ALL
  SELECT 'page.' || code, 'es', es FROM rule_page UNION ALL
  SELECT 'ui.' || code, 'en', en FROM rule_text WHERE code NOT LIKE 'col_%'
  UNION ALL
  SELECT 'ui.' || code, 'es', es FROM rule_text WHERE code NOT LIKE 'col_%'
  UNION ALL
  SELECT 'col.' || substr(code, 5), 'en', en FROM rule_text
  WHERE code LIKE 'col_%' UNION ALL
  SELECT 'col.' || substr(code, 5), 'es', es FROM rule_text
  WHERE code LIKE 'col_%' UNION ALL
  SELECT 'msg.' || code, 'en', en FROM message UNION ALL
  SELECT 'msg.' || code, 'es', es FROM message;

-- The texts that were in the code: column headers, short words, and the
-- change summaries.
INSERT INTO text (key, lang, value) VALUES
  ('col.id', 'en', 'Id'), ('col.id', 'es', 'Id'),
  ('col.date', 'en', 'Date'), ('col.date', 'es', 'Fecha'),
  ('col.who_changed', 'en', 'Who Changed'),
  ('col.who_changed', 'es', 'Quién realizó el cambio'),
  ('col.role', 'en', 'Role'), ('col.role', 'es', 'Rol'),
  ('col.what_changed', 'en', 'What Changed'),
  ('col.what_changed', 'es', 'Qué cambió'),
  ('col.record', 'en', 'Record'), ('col.record', 'es', 'Registro'),
  ('col.entity', 'en', 'Entity'), ('col.entity', 'es', 'Entidad'),
  ('col.column', 'en', 'Column'), ('col.column', 'es', 'Columna'),
  ('col.before', 'en', 'Before'), ('col.before', 'es', 'Antes'),
  ('col.after', 'en', 'After'), ('col.after', 'es', 'Después'),
  ('col.customer', 'en', 'Customer'), ('col.customer', 'es', 'Cliente'),
  ('col.workload', 'en', 'Workload'),
  ('col.workload', 'es', 'Carga de trabajo'),
  ('col.subscription', 'en', 'Subscription'),
  ('col.subscription', 'es', 'Suscripción'),
  ('col.subscriptions', 'en', 'Subscriptions'),
  ('col.subscriptions', 'es', 'Suscripciones'),
  ('col.reason', 'en', 'Reason'), ('col.reason', 'es', 'Motivo'),
  ('col.since', 'en', 'Since'), ('col.since', 'es', 'Desde'),
  ('col.declared_by', 'en', 'Declared by'),
  ('col.declared_by', 'es', 'Declarado por'),
  ('col.no_intent', 'en', 'No Intent'), ('col.no_intent', 'es', 'No intención'),
  ('col.services', 'en', 'Services'), ('col.services', 'es', 'Servicios'),
  ('col.l2s', 'en', 'L2'), ('col.l2s', 'es', 'L2'),
  ('col.all_workloads', 'en', 'All workloads'),
  ('col.all_workloads', 'es', 'Todas las cargas'),
  ('col.overdue', 'en', 'Overdue'), ('col.overdue', 'es', 'Vencida'),
  ('col.tenant', 'en', 'Tenant'), ('col.tenant', 'es', 'Inquilino'),
  ('col.managed', 'en', 'Managed'), ('col.managed', 'es', 'Administrado'),
  ('col.delivery_fm', 'en', 'Delivery FM'),
  ('col.delivery_fm', 'es', 'FM de entrega'),
  ('col.name', 'en', 'Name'), ('col.name', 'es', 'Nombre'),
  ('col.added', 'en', 'Added'), ('col.added', 'es', 'Añadido'),
  ('col.deactivated', 'en', 'Deactivated'),
  ('col.deactivated', 'es', 'Desactivado'),
  ('col.entitlements', 'en', 'Entitlements'),
  ('col.entitlements', 'es', 'Derechos'),
  ('col.validated_with', 'en', 'Validated with'),
  ('col.validated_with', 'es', 'Validado con'),
  ('col.updated_by', 'en', 'Updated by'),
  ('col.updated_by', 'es', 'Actualizado por'),
  ('col.updated', 'en', 'Updated'), ('col.updated', 'es', 'Actualizado'),
  ('col.field', 'en', 'Field'), ('col.field', 'es', 'Campo'),
  ('col.value', 'en', 'Value'), ('col.value', 'es', 'Valor'),
  ('ui.already_recorded', 'en', '(already recorded)'),
  ('ui.already_recorded', 'es', '(ya registrado)'),
  ('what.user_added', 'en', 'user %s added as %s'),
  ('what.user_added', 'es', 'usuario %s añadido como %s'),
  ('what.user_role', 'en', 'user %s is now %s'),
  ('what.user_role', 'es', 'el usuario %s es ahora %s'),
  ('what.user_deactivated', 'en', 'user %s deactivated'),
  ('what.user_deactivated', 'es', 'usuario %s desactivado'),
  ('what.workload_added', 'en', 'workload %s added'),
  ('what.workload_added', 'es', 'carga de trabajo %s añadida'),
  ('what.customer_added', 'en', '%s: customer added'),
  ('what.customer_added', 'es', '%s: cliente añadido'),
  ('what.customer_renamed', 'en', 'customer %s renamed %s'),
  ('what.customer_renamed', 'es', 'cliente %s renombrado %s'),
  ('what.customer_tenant', 'en', ' tenant %s'),
  ('what.customer_tenant', 'es', ' inquilino %s'),
  ('what.customer_managed', 'en', ' managed'),
  ('what.customer_managed', 'es', ' administrado'),
  ('what.customer_unmanaged', 'en', ' unmanaged'),
  ('what.customer_unmanaged', 'es', ' no administrado'),
  ('what.assigned', 'en', '%s: delivery FM %s assigned'),
  ('what.assigned', 'es', '%s: FM de entrega %s asignado'),
  ('what.delivery_phase', 'en', ' (delivery phase)'),
  ('what.delivery_phase', 'es', ' (fase de entrega)'),
  ('what.subscription_added', 'en', '%s: subscription %s added with %s'),
  ('what.subscription_added', 'es', '%s: suscripción %s añadida con %s'),
  ('what.subscription_gains', 'en', '%s: subscription %s gains %s'),
  ('what.subscription_gains', 'es', '%s: suscripción %s suma %s'),
  ('what.workload_removed', 'en', '%s: %s removed from subscription %s'),
  ('what.workload_removed', 'es', '%s: %s quitado de la suscripción %s'),
  ('what.action_done', 'en', '%s / %s: next action done: %s'),
  ('what.action_done', 'es', '%s / %s: próxima acción hecha: %s'),
  ('what.revert', 'en', 'revert of change set %s: %s'),
  ('what.revert', 'es', 'reversión del conjunto de cambios %s: %s'),
  ('what.kickoff', 'en', ', %s, kickoff %s'),
  ('what.kickoff', 'es', ', %s, inicio %s'),
  ('what.scenario', 'en', ' (scenario %s)'),
  ('what.scenario', 'es', ' (escenario %s)'),
  ('what.updated_scenario', 'en', ' (updated, scenario %s)'),
  ('what.updated_scenario', 'es', ' (actualizado, escenario %s)');

-- "TBD" is the English page's word; in Spanish it is said.
UPDATE text SET value = 'Por determinar' WHERE key = 'ui.tbd' AND lang = 'es';
