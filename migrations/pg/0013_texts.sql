-- 0013_texts (PostgreSQL): one home for every text shown in more than one
-- language (keys: see ../0013_texts.sql), read through tr() as on SQLite.

CREATE TABLE text (
  key   TEXT COLLATE "C" NOT NULL,
  lang  TEXT COLLATE "C" NOT NULL
          CHECK (length(lang) = 2 AND lang = lower(lang)),
  value TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, lang)
);

-- include: data/0013_texts.sql

ALTER TABLE l1 DROP COLUMN en, DROP COLUMN es;
ALTER TABLE l2 DROP COLUMN en, DROP COLUMN es;
ALTER TABLE label DROP COLUMN en, DROP COLUMN es;
ALTER TABLE rule DROP COLUMN en, DROP COLUMN es;
ALTER TABLE rule_page DROP COLUMN en, DROP COLUMN es;
DROP TABLE rule_text;
DROP TABLE message;

-- tr(key, lang): the text in lang (NULL: English), else in English; NULL
-- for a NULL key or one with no text (texts.c's tr()). tr(key) reads the
-- language from the session setting ftrack.lang, which ftrack sets on
-- every connection as it registers tr() on SQLite ('en' when unset).
CREATE FUNCTION tr(k TEXT, l TEXT) RETURNS TEXT
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(
    (SELECT value FROM text WHERE key = k AND lang = coalesce(l, 'en')),
    (SELECT value FROM text WHERE key = k AND lang = 'en'))
$$;
CREATE FUNCTION tr(k TEXT) RETURNS TEXT
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT tr(k, coalesce(nullif(current_setting('ftrack.lang', true), ''),
                        'en'))
$$;

-- code_labels(kind, list, lang): the labels of a comma-separated list of
-- codes joined by ", ", as sql_functions.c builds them: a code with no
-- text shows its key, a trailing empty piece is no code, no separator
-- follows an empty start, and an empty result is NULL.
CREATE FUNCTION code_labels(kind TEXT, list TEXT, lang TEXT) RETURNS TEXT
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  codes TEXT[] := string_to_array(list, ',');
  n INTEGER := coalesce(cardinality(codes), 0);
  res TEXT := '';
BEGIN
  IF kind IS NULL OR list IS NULL THEN
    RETURN NULL;
  END IF;
  IF n > 0 AND codes[n] = '' THEN
    n := n - 1;
  END IF;
  FOR i IN 1 .. n LOOP
    res := res || CASE WHEN res <> '' THEN ', ' ELSE '' END
               || coalesce(tr(kind || '.' || codes[i], coalesce(lang, 'en')),
                           kind || '.' || codes[i]);
  END LOOP;
  RETURN nullif(res, '');
END
$$;
