-- 0004_entitlement_declaration (PostgreSQL): the declaration that last set
-- an entitlement.
ALTER TABLE entitlement ADD COLUMN declaration_id BIGINT
  REFERENCES declaration(id);
