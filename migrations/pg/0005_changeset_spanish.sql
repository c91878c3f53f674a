-- 0005_changeset_spanish (PostgreSQL): the change summary in Spanish too.
ALTER TABLE changeset ADD COLUMN what_es TEXT COLLATE "C";
