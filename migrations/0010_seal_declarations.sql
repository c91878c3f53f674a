-- 0010_seal_declarations: seals of format 2 also hash the declaration a
-- change set wrote, every column of it ("Since", "Declared by", with whom
-- No Intent was validated ...). Seals written before this migration keep
-- format 1 and still verify as they were made; along the chain the format
-- never goes back.
ALTER TABLE seal ADD COLUMN format INTEGER NOT NULL DEFAULT 1
  CHECK (format IN (1, 2));
