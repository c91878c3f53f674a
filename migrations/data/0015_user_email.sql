-- data/0015_user_email.sql: the rows of 0015_user_email, for SQLite and
-- PostgreSQL alike (written in the subset of docs/sql.md).

CREATE TEMP TABLE notify_text (
  key TEXT PRIMARY KEY,
  en  TEXT NOT NULL,
  es  TEXT NOT NULL
);

INSERT INTO notify_text (key, en, es) VALUES
  ('col.email', 'E-mail', 'Correo electrónico'),
  ('notify.subject', 'No Intent: %s', 'No intención: %s'),
  ('notify.greeting', 'Hello account team,', 'Hola, equipo de cuentas:'),
  ('notify.intro',
   'The customer %s has declared No Intent for the services below: it does not intend to deploy them, now or in the future (FastTrack partner playbook, No Intent). Number of services: %s.',
   'El cliente %s ha declarado No intención para los servicios siguientes: no tiene intención de implementarlos, ni ahora ni en el futuro (guía de asociados de FastTrack, No intención). Número de servicios: %s.'),
  ('notify.l2', 'L2', 'L2'),
  ('notify.meaning', 'Meaning', 'Significado'),
  ('notify.l3', 'L3', 'L3'),
  ('notify.reason', 'Reason', 'Motivo'),
  ('notify.validated_with', 'Validated with', 'Validado con'),
  ('notify.subscriptions', 'Subscriptions', 'Suscripciones'),
  ('notify.declared', 'Declared by', 'Declarado por'),
  ('notify.declared_value', '%s (%s), %s', '%s (%s), %s'),
  ('notify.declared_value_no_role', '%s, %s', '%s, %s'),
  ('notify.none', '(none)', '(ninguno)'),
  ('notify.closing', 'Regards,', 'Saludos,'),
  ('l2_meaning.executive_sponsorship',
   'no awareness, conviction or sponsorship where decisions are made',
   'no hay conocimiento, convicción ni patrocinio donde se toman las decisiones'),
  ('l2_meaning.competitive_solution',
   'a competitor''s product does the job',
   'un producto de la competencia cumple esa función'),
  ('l2_meaning.microsoft_on_premises',
   'a Microsoft on-premises product does the job',
   'un producto de Microsoft local (on-premises) cumple esa función'),
  ('what.user_email', 'user %s: e-mail address %s',
   'usuario %s: dirección de correo electrónico %s'),
  ('msg.notify_no_address',
   '%s of %s active account team members have no e-mail address (''ftrack user set NAME --email ADDR''); they are not among the recipients',
   '%s de %s miembros activos del equipo de cuentas no tienen dirección de correo electrónico (''ftrack user set NOMBRE --email DIRECCIÓN''); no están entre los destinatarios'),
  ('msg.notify_no_recipients',
   'no active account team member has an e-mail address: the message has no To: line; add the recipients in your mail program',
   'ningún miembro activo del equipo de cuentas tiene dirección de correo electrónico: el mensaje no tiene línea To:; añada los destinatarios en su programa de correo'),
  ('msg.notify_no_sender',
   'you (%s) have no e-mail address: the message has no From: line; your mail program fills it in',
   'usted (%s) no tiene dirección de correo electrónico: el mensaje no tiene línea From:; su programa de correo la completa'),
  ('msg.notify_not_open',
   '%s / %s: the next action ''%s'' is not open; nothing recorded for it',
   '%s / %s: la próxima acción ''%s'' no está abierta; no se registra nada para ella');

INSERT INTO text (key, lang, value)
  SELECT key, 'en', en FROM notify_text UNION ALL
  SELECT key, 'es', es FROM notify_text;
DROP TABLE notify_text;
