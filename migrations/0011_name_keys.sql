-- 0011_name_keys: a key per name, its case and Unicode form folded.
-- Names are compared as people write them: each name has a key, its full
-- Unicode case folding in NFC (fold(), which ftrack registers on
-- every connection before migrating: text_fold() in src/core/text.c), so
-- that "MÜLLER" finds "Müller", a decomposed "Café" a precomposed one and
-- "STRASSE" "Straße". The names stay as typed; the keys are unique, and
-- ftrack writes them with every name (a later migration that adds a name
-- writes its key too). The old UNIQUE COLLATE NOCASE constraints stay: a
-- name equal to another but for ASCII case has the same key anyway.

ALTER TABLE customer ADD COLUMN name_key TEXT;
ALTER TABLE customer ADD COLUMN tenant_key TEXT;
ALTER TABLE app_user ADD COLUMN name_key TEXT;
ALTER TABLE workload ADD COLUMN name_key TEXT;
ALTER TABLE subscription ADD COLUMN code_key TEXT;

UPDATE customer SET name_key = fold(name), tenant_key = fold(tenant);
UPDATE app_user SET name_key = fold(name);
UPDATE workload SET name_key = fold(name);
UPDATE subscription SET code_key = fold(code);

-- Two names of an older database that share a key (NOCASE let "Müller" and
-- "MÜLLER" in) stop the migration with both named (refuse() fails the
-- statement with its message): the database is left as it was, at its
-- version, and the ftrack that wrote it still opens it.
SELECT refuse(printf('%s ''%s'' (%s %d) and ''%s'' (%s %d) are one name ' ||
                     'once case and Unicode forms are folded; the database ' ||
                     'is left as it was',
                     kinds, a, noun, a_id, b, noun, b_id))
FROM (SELECT 'customers' AS kinds, 'id' AS noun, x.name AS a, x.id AS a_id,
             y.name AS b, y.id AS b_id
      FROM customer x JOIN customer y ON y.name_key = x.name_key AND y.id > x.id
      UNION ALL
      SELECT 'tenants', 'customer', x.tenant, x.id, y.tenant, y.id
      FROM customer x JOIN customer y
        ON y.tenant_key = x.tenant_key AND y.id > x.id
      UNION ALL
      SELECT 'users', 'id', x.name, x.id, y.name, y.id
      FROM app_user x JOIN app_user y ON y.name_key = x.name_key AND y.id > x.id
      UNION ALL
      SELECT 'workloads', 'id', x.name, x.id, y.name, y.id
      FROM workload x JOIN workload y ON y.name_key = x.name_key AND y.id > x.id
      UNION ALL
      SELECT 'subscriptions', 'id', x.code, x.id, y.code, y.id
      FROM subscription x JOIN subscription y
        ON y.code_key = x.code_key AND y.id > x.id
      LIMIT 1);

CREATE UNIQUE INDEX customer_name_key ON customer(name_key);
CREATE UNIQUE INDEX customer_tenant_key ON customer(tenant_key);
CREATE UNIQUE INDEX app_user_name_key ON app_user(name_key);
CREATE UNIQUE INDEX workload_name_key ON workload(name_key);
CREATE UNIQUE INDEX subscription_code_key ON subscription(code_key);
