-- 0021_actor_is_role (PostgreSQL): the server, not ftrack, ties "Who
-- Changed" to the role that logged in. A role that is not one of the
-- tables' owner's may add a change set only in its own name (compared
-- as lower() does, ASCII letters folded), so that one member's grants
-- cannot write history in another's; the owner's roles act for others
-- (--as), as ftrack lets them.

CREATE FUNCTION changeset_who_is_role() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF NOT pg_has_role(session_user,
                     (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                     'MEMBER')
     AND lower(NEW.who) IS DISTINCT FROM lower(session_user) THEN
    RAISE EXCEPTION 'role % may write change sets only in its own name, '
      'not as %', quote_literal(session_user), quote_literal(NEW.who);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER changeset_who_is_role BEFORE INSERT ON changeset
  FOR EACH ROW EXECUTE FUNCTION changeset_who_is_role();
