-- 0010_seal_declarations (PostgreSQL): the seal's format (2 also hashes the
-- declaration a change set wrote).
ALTER TABLE seal ADD COLUMN format INTEGER NOT NULL DEFAULT 1
  CHECK (format IN (1, 2));
