-- 0018_name_keys_ignorables: a name's key also drops the default ignorable
-- code points (zero width joiners, variation selectors, tag characters
-- ...), which show as nothing: "Contoso" and "Con<U+200D>toso" are one
-- name. fold() (text_fold() in src/core/text.c) does so from this version
-- on; the keys are written again. Two names of an older database that
-- then share a key stop the migration with both named, and the database
-- is left as it was, as in 0011.

DROP INDEX customer_name_key;
DROP INDEX customer_tenant_key;
DROP INDEX app_user_name_key;
DROP INDEX workload_name_key;
DROP INDEX subscription_code_key;

UPDATE customer SET name_key = fold(name), tenant_key = fold(tenant);
UPDATE app_user SET name_key = fold(name);
UPDATE workload SET name_key = fold(name);
UPDATE subscription SET code_key = fold(code);

SELECT refuse(printf('%s ''%s'' (%s %d) and ''%s'' (%s %d) are one name ' ||
                     'once case, Unicode forms and invisible characters ' ||
                     'are folded; the database is left as it was',
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
