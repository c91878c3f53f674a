-- 0001_schema (PostgreSQL): the records ftrack keeps and the audit history
-- of every change, as ../0001_schema.sql builds them on SQLite. Text is
-- COLLATE "C" so that it compares and sorts by bytes as on SQLite; ids are
-- BIGINT, flags INTEGER 0/1.

-- SQLite's date(d, '+0 days') gives d back exactly when d is a real date
-- written YYYY-MM-DD (years 0000-9999, proleptic Gregorian); NULL for NULL.
CREATE FUNCTION valid_date(d TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN d ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    THEN CAST(substr(d, 9, 2) AS INTEGER) <= CASE substr(d, 6, 2)
      WHEN '02' THEN CASE WHEN CAST(substr(d, 1, 4) AS INTEGER) % 4 = 0
          AND (CAST(substr(d, 1, 4) AS INTEGER) % 100 <> 0
               OR CAST(substr(d, 1, 4) AS INTEGER) % 400 = 0)
        THEN 29 ELSE 28 END
      WHEN '04' THEN 30 WHEN '06' THEN 30 WHEN '09' THEN 30 WHEN '11' THEN 30
      ELSE 31 END
    ELSE false END
$$;

-- A row inserted without an id gets the table's largest id plus one, as
-- SQLite's INTEGER PRIMARY KEY gives it. Unlike a sequence this is
-- transactional: a rolled-back write loses no id, so that both engines
-- number the same commands alike. Writers are serialized (the write lock).
-- Trigger functions keep the search_path they were made with: pg_restore
-- runs with an empty one.
CREATE FUNCTION next_id() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF NEW.id IS NULL THEN
    CASE TG_TABLE_NAME
    WHEN 'workload' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM workload;
    WHEN 'app_user' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM app_user;
    WHEN 'customer' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM customer;
    WHEN 'subscription' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM subscription;
    WHEN 'entitlement' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM entitlement;
    WHEN 'changeset' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM changeset;
    WHEN 'change' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM change;
    WHEN 'declaration' THEN
      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM declaration;
    END CASE;
  END IF;
  RETURN NEW;
END
$$;

-- The aggregates of src/core/sql_functions.c: distinct_count(x),
-- distinct_list(x[, sep]) and distinct_json(x) over the distinct non-NULL
-- values as text, first seen first.
CREATE FUNCTION distinct_add(seen TEXT[], v ANYELEMENT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL OR CAST(v AS TEXT) = ANY (seen) THEN seen
              ELSE seen || CAST(v AS TEXT) END
$$;
-- seen[1] is the separator, taken from the first row with a value.
CREATE FUNCTION distinct_add_sep(seen TEXT[], v ANYELEMENT, sep TEXT)
RETURNS TEXT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN seen
              WHEN cardinality(seen) = 0
                THEN ARRAY[coalesce(sep, ''), CAST(v AS TEXT)]
              WHEN CAST(v AS TEXT) = ANY (seen[2:]) THEN seen
              ELSE seen || CAST(v AS TEXT) END
$$;
CREATE FUNCTION distinct_count_final(seen TEXT[]) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT cardinality(seen) $$;
CREATE FUNCTION distinct_list_final(seen TEXT[]) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(seen) > 0 THEN array_to_string(seen, ',') END
$$;
CREATE FUNCTION distinct_list_sep_final(seen TEXT[]) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(seen) > 1
              THEN array_to_string(seen[2:], seen[1]) END
$$;
-- The JSON array of strings, escaped byte for byte as distinct_json_final()
-- does: \" \\ \n \t \r, other control characters \u00XX, the rest as is.
CREATE FUNCTION distinct_json_final(seen TEXT[]) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  res TEXT := '';
  v TEXT;
BEGIN
  FOR i IN 1 .. cardinality(seen) LOOP
    v := replace(replace(seen[i], E'\\', E'\\\\'), '"', E'\\"');
    v := replace(replace(replace(v, E'\n', E'\\n'), E'\t', E'\\t'),
                 E'\r', E'\\r');
    IF v ~ E'[\\x01-\\x1f]' THEN
      FOR c IN 1 .. 31 LOOP
        v := replace(v, chr(c), E'\\u' || lpad(to_hex(c), 4, '0'));
      END LOOP;
    END IF;
    res := res || CASE WHEN i > 1 THEN ',' ELSE '' END || '"' || v || '"';
  END LOOP;
  RETURN '[' || res || ']';
END
$$;
CREATE AGGREGATE distinct_count(ANYELEMENT) (SFUNC = distinct_add,
  STYPE = TEXT[], INITCOND = '{}', FINALFUNC = distinct_count_final);
CREATE AGGREGATE distinct_list(ANYELEMENT) (SFUNC = distinct_add,
  STYPE = TEXT[], INITCOND = '{}', FINALFUNC = distinct_list_final);
CREATE AGGREGATE distinct_list(ANYELEMENT, TEXT) (SFUNC = distinct_add_sep,
  STYPE = TEXT[], INITCOND = '{}', FINALFUNC = distinct_list_sep_final);
CREATE AGGREGATE distinct_json(ANYELEMENT) (SFUNC = distinct_add,
  STYPE = TEXT[], INITCOND = '{}', FINALFUNC = distinct_json_final);

CREATE TABLE l1 (
  code     TEXT COLLATE "C" PRIMARY KEY CHECK (code IN ('status_unknown',
             'in_progress', 'no_intent', 'blocked', 'duplicate_invalid')),
  en       TEXT COLLATE "C" NOT NULL,
  es       TEXT COLLATE "C" NOT NULL,
  position INTEGER NOT NULL UNIQUE
);

CREATE TABLE l2 (
  code     TEXT COLLATE "C" PRIMARY KEY
             CHECK (code ~ '^[a-z]' AND code !~ '[^a-z_]'),
  l1       TEXT COLLATE "C" NOT NULL REFERENCES l1(code),
  en       TEXT COLLATE "C" NOT NULL,
  es       TEXT COLLATE "C" NOT NULL,
  position INTEGER NOT NULL UNIQUE,
  UNIQUE (code, l1)
);

-- Labels of the other enumerated codes (roles, phases, next actions ...).
CREATE TABLE label (
  kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('role', 'phase',
         'service_status', 'engagement_scenario', 'next_action',
         'validated_with', 'led_by')),
  code TEXT COLLATE "C" NOT NULL,
  en   TEXT COLLATE "C" NOT NULL,
  es   TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, code)
);

-- SQLite's UNIQUE COLLATE NOCASE: lower() of "C" text folds ASCII only, as
-- NOCASE does.
CREATE TABLE workload (
  id         BIGINT PRIMARY KEY,
  name       TEXT COLLATE "C" NOT NULL CHECK (length(name) > 0),
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX workload_name_nocase ON workload (lower(name));
CREATE TRIGGER workload_next_id BEFORE INSERT ON workload
  FOR EACH ROW EXECUTE FUNCTION next_id();

CREATE TABLE app_user (
  id         BIGINT PRIMARY KEY,
  name       TEXT COLLATE "C" NOT NULL CHECK (length(name) > 0),
  role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('assignment_fm',
                 'delivery_fm', 'account_team')),
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX app_user_name_nocase ON app_user (lower(name));
CREATE TRIGGER app_user_next_id BEFORE INSERT ON app_user
  FOR EACH ROW EXECUTE FUNCTION next_id();

-- A customer is in the assignment phase until a delivery FM is assigned.
CREATE TABLE customer (
  id          BIGINT PRIMARY KEY,
  name        TEXT COLLATE "C" NOT NULL CHECK (length(name) > 0),
  tenant      TEXT COLLATE "C",
  managed     INTEGER CHECK (managed IN (0, 1)),
  phase       TEXT COLLATE "C" NOT NULL DEFAULT 'assignment'
                CHECK (phase IN ('assignment', 'delivery')),
  delivery_fm BIGINT REFERENCES app_user(id),
  created_at  TEXT COLLATE "C" NOT NULL,
  CHECK ((phase = 'delivery') = (delivery_fm IS NOT NULL))
);
CREATE UNIQUE INDEX customer_name_nocase ON customer (lower(name));
CREATE UNIQUE INDEX customer_tenant_nocase ON customer (lower(tenant));
CREATE TRIGGER customer_next_id BEFORE INSERT ON customer
  FOR EACH ROW EXECUTE FUNCTION next_id();

CREATE TABLE subscription (
  id          BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customer(id),
  code        TEXT COLLATE "C" NOT NULL CHECK (length(code) > 0),
  created_at  TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX subscription_code_nocase ON subscription (lower(code));
CREATE INDEX subscription_customer ON subscription(customer_id);
CREATE TRIGGER subscription_next_id BEFORE INSERT ON subscription
  FOR EACH ROW EXECUTE FUNCTION next_id();

-- One subscription x one workload: the row whose status the playbook sets.
CREATE TABLE entitlement (
  id                  BIGINT PRIMARY KEY,
  subscription_id     BIGINT NOT NULL REFERENCES subscription(id),
  workload_id         BIGINT NOT NULL REFERENCES workload(id),
  l1                  TEXT COLLATE "C" NOT NULL REFERENCES l1(code),
  l2                  TEXT COLLATE "C",
  l3                  TEXT COLLATE "C",
  service_status      TEXT COLLATE "C" CHECK (service_status IN ('initiate')),
  engagement_scenario TEXT COLLATE "C" CHECK (engagement_scenario IN
                        ('customer_led', 'partner_led',
                         'depends_on_other_workloads')),
  target_date         TEXT COLLATE "C" CHECK (valid_date(target_date)),
  owner               TEXT COLLATE "C" CHECK (owner IN ('assignment_fm',
                        'delivery_fm', 'account_team')),
  notes               TEXT COLLATE "C",
  next_action_date    TEXT COLLATE "C" CHECK (valid_date(next_action_date)),
  next_action         TEXT COLLATE "C" CHECK (next_action IN
                        ('delivery_assignment', 'notify_account_team')),
  updated_by          TEXT COLLATE "C" NOT NULL,
  updated_role        TEXT COLLATE "C" CHECK (updated_role IN
                        ('assignment_fm', 'delivery_fm', 'account_team')),
  updated_at          TEXT COLLATE "C" NOT NULL,
  scenario            INTEGER CHECK (scenario BETWEEN 1 AND 5),
  UNIQUE (subscription_id, workload_id),
  FOREIGN KEY (l2, l1) REFERENCES l2(code, l1)
);
CREATE INDEX entitlement_workload ON entitlement(workload_id);
CREATE INDEX entitlement_status ON entitlement(l1, l2);
CREATE TRIGGER entitlement_next_id BEFORE INSERT ON entitlement
  FOR EACH ROW EXECUTE FUNCTION next_id();

-- The audit history: one change set per command, one change row per field.
CREATE TABLE changeset (
  id              BIGINT PRIMARY KEY,
  at              TEXT COLLATE "C" NOT NULL,
  who             TEXT COLLATE "C" NOT NULL,
  role            TEXT COLLATE "C" CHECK (role IN ('assignment_fm',
                    'delivery_fm', 'account_team')),
  what            TEXT COLLATE "C" NOT NULL,
  customer_id     BIGINT REFERENCES customer(id),
  workload_id     BIGINT REFERENCES workload(id),
  subscription_id BIGINT REFERENCES subscription(id),
  scenario        INTEGER CHECK (scenario BETWEEN 1 AND 5)
);
CREATE INDEX changeset_customer ON changeset(customer_id);
CREATE TRIGGER changeset_next_id BEFORE INSERT ON changeset
  FOR EACH ROW EXECUTE FUNCTION next_id();

CREATE TABLE change (
  id           BIGINT PRIMARY KEY,
  changeset_id BIGINT NOT NULL REFERENCES changeset(id),
  entity       TEXT COLLATE "C" NOT NULL CHECK (entity IN ('user', 'customer',
                 'workload', 'subscription', 'entitlement', 'declaration')),
  entity_id    BIGINT NOT NULL,
  field        TEXT COLLATE "C" NOT NULL,
  old_value    TEXT COLLATE "C",
  new_value    TEXT COLLATE "C"
);
CREATE INDEX change_changeset ON change(changeset_id);
CREATE INDEX change_entity ON change(entity, entity_id, field);
CREATE TRIGGER change_next_id BEFORE INSERT ON change
  FOR EACH ROW EXECUTE FUNCTION next_id();
