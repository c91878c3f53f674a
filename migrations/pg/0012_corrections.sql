-- 0012_corrections (PostgreSQL): users can be deactivated, and change sets
-- no longer hold a foreign key to the records they were about (a reverted
-- creation removes the record; its change sets stay).

ALTER TABLE app_user ADD COLUMN active INTEGER NOT NULL DEFAULT 1
  CHECK (active IN (0, 1));

-- include: data/0012_corrections.sql

ALTER TABLE changeset
  DROP CONSTRAINT changeset_customer_id_fkey,
  DROP CONSTRAINT changeset_workload_id_fkey,
  DROP CONSTRAINT changeset_subscription_id_fkey;
