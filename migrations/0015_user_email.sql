-- 0015_user_email: a user's e-mail address (optional), so that 'ftrack
-- notify --format eml' can address the account team; and the texts of
-- 'ftrack notify' (keys notify.CODE), the meaning of each No Intent L2
-- (l2_meaning.CODE, from the playbook's status list), the change summary
-- of an address set, and the warnings of a message without recipients.
-- The address is an addr-spec local@domain of printable ASCII without
-- blanks, quotes, angle brackets, commas or other specials: nothing in it
-- can end or start a mail header (ftrack checks it more strictly first).
ALTER TABLE app_user ADD COLUMN email TEXT CHECK (email IS NULL OR (
  length(email) BETWEEN 3 AND 254 AND email GLOB '?*@?*' AND
  email NOT GLOB '*@*@*' AND email NOT GLOB '*[^!-~]*' AND
  email NOT GLOB '*[<>(),;:"\[]*' AND email NOT GLOB '*]*'));

-- include: data/0015_user_email.sql
