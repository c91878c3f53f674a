-- 0005_changeset_spanish: the change summary ("What Changed") in Spanish
-- too, written with the English one, so that exports in either language
-- read in that language. Older change sets have only the English one.
ALTER TABLE changeset ADD COLUMN what_es TEXT;
