-- 0011_name_keys (PostgreSQL): a key per name, its case and Unicode form
-- folded; ftrack computes it in C (text_fold()) and writes it with every
-- name. SQLite's migration computes the keys of the names already there
-- with fold(); at this step a PostgreSQL database holds only the workloads
-- 0002 seeds, whose ASCII names fold to lower() (the check compares them).

ALTER TABLE customer ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE customer ADD COLUMN tenant_key TEXT COLLATE "C";
ALTER TABLE app_user ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE workload ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE subscription ADD COLUMN code_key TEXT COLLATE "C";

UPDATE workload SET name_key = lower(name);

CREATE UNIQUE INDEX customer_name_key ON customer(name_key);
CREATE UNIQUE INDEX customer_tenant_key ON customer(tenant_key);
CREATE UNIQUE INDEX app_user_name_key ON app_user(name_key);
CREATE UNIQUE INDEX workload_name_key ON workload(name_key);
CREATE UNIQUE INDEX subscription_code_key ON subscription(code_key);
