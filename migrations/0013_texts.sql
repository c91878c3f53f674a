-- 0013_texts: one home for every text shown in more than one language.
-- Each text has a key and one row per language; ftrack reads it through one
-- function (ft_text() in C, tr() in SQL), in the chosen language, falling
-- back to English. A third language is a migration that adds its rows.
-- Keys: l1.CODE, l2.CODE, KIND.CODE for the other codes (role, phase,
-- service_status, engagement_scenario, next_action, validated_with,
-- led_by), rule.SCENARIO, page.CODE, ui.* (the rules table's words and
-- other short words), col.* (column headers), msg.* (warnings), what.*
-- (the change summaries, %s filled in order).
CREATE TABLE text (
  key   TEXT NOT NULL,
  lang  TEXT NOT NULL CHECK (length(lang) = 2 AND lang = lower(lang)),
  value TEXT NOT NULL,
  PRIMARY KEY (key, lang)
) STRICT, WITHOUT ROWID;

-- include: data/0013_texts.sql

ALTER TABLE l1 DROP COLUMN en;
ALTER TABLE l1 DROP COLUMN es;
ALTER TABLE l2 DROP COLUMN en;
ALTER TABLE l2 DROP COLUMN es;
ALTER TABLE label DROP COLUMN en;
ALTER TABLE label DROP COLUMN es;
ALTER TABLE rule DROP COLUMN en;
ALTER TABLE rule DROP COLUMN es;
ALTER TABLE rule_page DROP COLUMN en;
ALTER TABLE rule_page DROP COLUMN es;
DROP TABLE rule_text;
DROP TABLE message;
