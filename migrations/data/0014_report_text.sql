-- data/0014_report_text.sql: the rows of 0014_report_text, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

CREATE TEMP TABLE report_text (
  code TEXT PRIMARY KEY,
  en   TEXT NOT NULL,
  es   TEXT NOT NULL
);

INSERT INTO report_text (code, en, es) VALUES
  ('title', 'No Intent report', 'Informe de No intención'),
  ('scope', 'Scope', 'Alcance'),
  ('scope_all', 'all customers', 'todos los clientes'),
  ('scope_customer', 'customer', 'cliente'),
  ('database', 'Database', 'Base de datos'),
  ('generated', 'Generated', 'Generado'),
  ('since', 'Declarations and changes since',
   'Declaraciones y cambios desde'),
  ('customers', 'Customers', 'Clientes'),
  ('services', 'Services', 'Servicios'),
  ('no_intent_services', 'No Intent services', 'Servicios en No intención'),
  ('excluded', 'Duplicate/Invalid entitlements count in no figure.',
   'Las titularidades Duplicado/No válido no cuentan en ninguna cifra.'),
  ('by_l2', 'No Intent services by L2',
   'Servicios en No intención por L2'),
  ('by_workload', 'No Intent services by workload',
   'Servicios en No intención por carga de trabajo'),
  ('all_workloads', 'Accounts in No Intent on every workload',
   'Cuentas en No intención en todas las cargas de trabajo'),
  ('by_month', 'No Intent declarations per month',
   'Declaraciones de No intención por mes'),
  ('actions', 'Open next actions', 'Próximas acciones abiertas'),
  ('changes', 'Latest changes (the 20 newest)',
   'Últimos cambios (los 20 más recientes)'),
  ('none', 'None.', 'Ninguno.'),
  ('total', 'Total', 'Total'),
  ('share', 'Share', 'Porcentaje'),
  ('col_l2', 'L2', 'L2'),
  ('col_customer', 'Customer', 'Cliente'),
  ('col_tenant', 'Tenant', 'Inquilino'),
  ('col_workload', 'Workload', 'Carga de trabajo'),
  ('col_subscriptions', 'Subscriptions', 'Suscripciones'),
  ('col_services', 'Services', 'Servicios'),
  ('col_next_action', 'Next action', 'Próxima acción'),
  ('col_due', 'Next action date', 'Fecha de la próxima acción'),
  ('col_month', 'Month', 'Mes'),
  ('col_declarations', 'Declarations', 'Declaraciones'),
  ('col_id', 'Id', 'Id'),
  ('col_date', 'Date', 'Fecha'),
  ('col_who', 'Who Changed', 'Quién realizó el cambio'),
  ('col_what', 'What Changed', 'Qué cambió'),
  ('tbd', 'TBD', 'TBD');

INSERT INTO text (key, lang, value)
  SELECT 'report.' || code, 'en', en FROM report_text UNION ALL
  SELECT 'report.' || code, 'es', es FROM report_text;
DROP TABLE report_text;
