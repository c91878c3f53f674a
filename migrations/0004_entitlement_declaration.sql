-- 0004_entitlement_declaration: the declaration that last set an
-- entitlement, so that "No Intent since" and "declared by" need no search
-- through the audit history.
ALTER TABLE entitlement ADD COLUMN declaration_id INTEGER
  REFERENCES declaration(id);
