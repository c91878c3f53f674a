-- 0015_user_email (PostgreSQL): a user's e-mail address (optional), and the
-- texts of 'ftrack notify'. The address is an addr-spec local@domain of
-- printable ASCII without blanks, quotes, angle brackets, commas or other
-- specials; SQLite's GLOBs as regular expressions ('.' takes any
-- character, as GLOB's '?' does).
ALTER TABLE app_user ADD COLUMN email TEXT COLLATE "C" CHECK (email IS NULL OR (
  length(email) BETWEEN 3 AND 254 AND email ~ '.@.' AND
  email !~ '@.*@' AND email !~ '[^!-~]' AND
  email !~ E'[<>(),;:"\\\\[]' AND email !~ ']'));

-- include: data/0015_user_email.sql
