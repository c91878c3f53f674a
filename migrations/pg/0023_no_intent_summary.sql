-- 0023_no_intent_summary (PostgreSQL): the No Intent summaries of
-- ../0023_no_intent_summary.sql, kept by one trigger function that takes
-- away an entitlement's old share and adds its new one, in the
-- transaction that writes it. Text is COLLATE "C", ids BIGINT, as in
-- 0001_schema.

CREATE TABLE no_intent_service (
  customer_id BIGINT NOT NULL,
  workload_id BIGINT NOT NULL,
  counted     INTEGER NOT NULL CHECK (counted > 0),
  no_intent   INTEGER NOT NULL CHECK (no_intent BETWEEN 0 AND counted),
  PRIMARY KEY (customer_id, workload_id)
);

CREATE TABLE no_intent_l2 (
  customer_id        BIGINT NOT NULL,
  workload_id        BIGINT NOT NULL,
  l2                 TEXT COLLATE "C" NOT NULL,
  entitlements       INTEGER NOT NULL CHECK (entitlements > 0),
  first_subscription BIGINT NOT NULL,
  PRIMARY KEY (customer_id, workload_id, l2)
);
CREATE INDEX no_intent_l2_l2 ON no_intent_l2(l2, workload_id);

CREATE TABLE no_intent_account (
  customer_id BIGINT PRIMARY KEY,
  services    INTEGER NOT NULL CHECK (services > 0),
  no_intent   INTEGER NOT NULL CHECK (no_intent BETWEEN 0 AND services)
);

INSERT INTO no_intent_service (customer_id, workload_id, counted, no_intent)
SELECT s.customer_id, e.workload_id, count(*),
       sum(CASE WHEN e.l1 = 'no_intent' THEN 1 ELSE 0 END)
FROM entitlement e JOIN subscription s ON s.id = e.subscription_id
WHERE e.l1 <> 'duplicate_invalid'
GROUP BY s.customer_id, e.workload_id;

INSERT INTO no_intent_l2 (customer_id, workload_id, l2, entitlements,
                          first_subscription)
SELECT s.customer_id, e.workload_id, e.l2, count(*), min(s.id)
FROM entitlement e JOIN subscription s ON s.id = e.subscription_id
WHERE e.l1 = 'no_intent' AND e.l2 IS NOT NULL
GROUP BY s.customer_id, e.workload_id, e.l2;

INSERT INTO no_intent_account (customer_id, services, no_intent)
SELECT customer_id, count(*),
       sum(CASE WHEN no_intent > 0 THEN 1 ELSE 0 END)
FROM no_intent_service GROUP BY customer_id;

CREATE FUNCTION no_intent_summary() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  cid BIGINT;
  svc no_intent_service%ROWTYPE;
  ni INTEGER;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.l1 <> 'duplicate_invalid' THEN
    SELECT customer_id INTO cid FROM subscription
    WHERE id = OLD.subscription_id;
    IF OLD.l1 = 'no_intent' AND OLD.l2 IS NOT NULL THEN
      DELETE FROM no_intent_l2 WHERE customer_id = cid
      AND workload_id = OLD.workload_id AND l2 = OLD.l2 AND entitlements = 1;
      IF NOT FOUND THEN
        UPDATE no_intent_l2 SET entitlements = entitlements - 1,
          first_subscription = CASE
            WHEN first_subscription <> OLD.subscription_id
            THEN first_subscription
            ELSE coalesce((SELECT min(s.id) FROM subscription s
                           JOIN entitlement e ON e.subscription_id = s.id
                           WHERE s.customer_id = cid
                           AND e.workload_id = OLD.workload_id
                           AND e.l1 = 'no_intent' AND e.l2 = OLD.l2), 0) END
        WHERE customer_id = cid AND workload_id = OLD.workload_id
        AND l2 = OLD.l2;
      END IF;
    END IF;
    SELECT * INTO svc FROM no_intent_service
    WHERE customer_id = cid AND workload_id = OLD.workload_id;
    IF FOUND THEN
      ni := CASE WHEN OLD.l1 = 'no_intent' THEN 1 ELSE 0 END;
      IF svc.counted = 1 THEN
        DELETE FROM no_intent_account WHERE customer_id = cid
        AND services = 1;
        IF NOT FOUND THEN
          UPDATE no_intent_account SET services = services - 1,
            no_intent = no_intent - CASE WHEN svc.no_intent > 0 THEN 1
                                         ELSE 0 END
          WHERE customer_id = cid;
        END IF;
        DELETE FROM no_intent_service WHERE customer_id = cid
        AND workload_id = OLD.workload_id;
      ELSE
        IF ni = 1 AND svc.no_intent = 1 THEN
          UPDATE no_intent_account SET no_intent = no_intent - 1
          WHERE customer_id = cid;
        END IF;
        UPDATE no_intent_service SET counted = counted - 1,
          no_intent = no_intent - ni
        WHERE customer_id = cid AND workload_id = OLD.workload_id;
      END IF;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.l1 <> 'duplicate_invalid' THEN
    SELECT customer_id INTO cid FROM subscription
    WHERE id = NEW.subscription_id;
    ni := CASE WHEN NEW.l1 = 'no_intent' THEN 1 ELSE 0 END;
    SELECT * INTO svc FROM no_intent_service
    WHERE customer_id = cid AND workload_id = NEW.workload_id;
    IF NOT FOUND THEN
      INSERT INTO no_intent_account (customer_id, services, no_intent)
      VALUES (cid, 1, ni)
      ON CONFLICT (customer_id) DO UPDATE SET
        services = no_intent_account.services + 1,
        no_intent = no_intent_account.no_intent + ni;
      INSERT INTO no_intent_service (customer_id, workload_id, counted,
                                     no_intent)
      VALUES (cid, NEW.workload_id, 1, ni);
    ELSE
      IF ni = 1 AND svc.no_intent = 0 THEN
        UPDATE no_intent_account SET no_intent = no_intent + 1
        WHERE customer_id = cid;
      END IF;
      UPDATE no_intent_service SET counted = counted + 1,
        no_intent = no_intent + ni
      WHERE customer_id = cid AND workload_id = NEW.workload_id;
    END IF;
    IF ni = 1 AND NEW.l2 IS NOT NULL THEN
      INSERT INTO no_intent_l2 (customer_id, workload_id, l2, entitlements,
                                first_subscription)
      VALUES (cid, NEW.workload_id, NEW.l2, 1, NEW.subscription_id)
      ON CONFLICT (customer_id, workload_id, l2) DO UPDATE SET
        entitlements = no_intent_l2.entitlements + 1,
        first_subscription = least(no_intent_l2.first_subscription,
                                   excluded.first_subscription);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER no_intent_summary_insert AFTER INSERT ON entitlement
  FOR EACH ROW WHEN (NEW.l1 <> 'duplicate_invalid')
  EXECUTE FUNCTION no_intent_summary();
CREATE TRIGGER no_intent_summary_delete AFTER DELETE ON entitlement
  FOR EACH ROW WHEN (OLD.l1 <> 'duplicate_invalid')
  EXECUTE FUNCTION no_intent_summary();
CREATE TRIGGER no_intent_summary_update AFTER UPDATE OF l1, l2,
  subscription_id, workload_id ON entitlement
  FOR EACH ROW WHEN ((OLD.l1 IS DISTINCT FROM NEW.l1
                      OR OLD.l2 IS DISTINCT FROM NEW.l2
                      OR OLD.subscription_id IS DISTINCT FROM NEW.subscription_id
                      OR OLD.workload_id IS DISTINCT FROM NEW.workload_id)
                     AND (OLD.l1 <> 'duplicate_invalid'
                          OR NEW.l1 <> 'duplicate_invalid'))
  EXECUTE FUNCTION no_intent_summary();

-- A service with a No Intent entitlement: its customer's name and what
-- `no-intent` shows of each of them, in entitlement order, as a JSON
-- array of [subscription code, l2, l3, notes, declared at, declared by,
-- validated with, next action] arrays (SQLite's migration says more);
-- rebuilt whole from its service's No Intent entitlements when one of
-- them changes.
CREATE TABLE no_intent_shown (
  workload_id  BIGINT NOT NULL,
  customer_id  BIGINT NOT NULL,
  customer     TEXT COLLATE "C" NOT NULL,
  entitlements TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (workload_id, customer_id)
);

INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                             entitlements)
SELECT e.workload_id, s.customer_id, min(c.name),
       json_agg(json_build_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                                 d.validated_with, e.next_action)
                ORDER BY e.id)::TEXT
FROM subscription s JOIN entitlement e ON e.subscription_id = s.id
JOIN customer c ON c.id = s.customer_id
LEFT JOIN declaration d ON d.id = e.declaration_id
WHERE e.l1 = 'no_intent'
GROUP BY e.workload_id, s.customer_id;

-- The row of the service of subscription sid x workload wid, rebuilt.
CREATE FUNCTION no_intent_shown_rebuild(sid BIGINT, wid BIGINT)
RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  cid BIGINT;
BEGIN
  SELECT customer_id INTO cid FROM subscription WHERE id = sid;
  DELETE FROM no_intent_shown WHERE workload_id = wid AND customer_id = cid;
  INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                               entitlements)
  SELECT wid, c.id, c.name, v.shown
  FROM customer c,
       (SELECT json_agg(json_build_array(s.code, e.l2, e.l3, e.notes, d.at,
                                         d.who, d.validated_with,
                                         e.next_action)
                        ORDER BY e.id)::TEXT AS shown
        FROM subscription s JOIN entitlement e ON e.subscription_id = s.id
        LEFT JOIN declaration d ON d.id = e.declaration_id
        WHERE s.customer_id = cid AND e.workload_id = wid
        AND e.l1 = 'no_intent') v
  WHERE c.id = cid AND v.shown IS NOT NULL;
END
$$;

-- The old service, then the new one when it may be another (or the
-- entitlement was not in No Intent before).
CREATE FUNCTION no_intent_summary_shown() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.l1 = 'no_intent' THEN
    PERFORM no_intent_shown_rebuild(OLD.subscription_id, OLD.workload_id);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.l1 = 'no_intent'
     AND (TG_OP = 'INSERT' OR OLD.l1 <> 'no_intent'
          OR OLD.subscription_id <> NEW.subscription_id
          OR OLD.workload_id <> NEW.workload_id) THEN
    PERFORM no_intent_shown_rebuild(NEW.subscription_id, NEW.workload_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER no_intent_summary_shown_insert AFTER INSERT ON entitlement
  FOR EACH ROW WHEN (NEW.l1 = 'no_intent')
  EXECUTE FUNCTION no_intent_summary_shown();
CREATE TRIGGER no_intent_summary_shown_delete AFTER DELETE ON entitlement
  FOR EACH ROW WHEN (OLD.l1 = 'no_intent')
  EXECUTE FUNCTION no_intent_summary_shown();
CREATE TRIGGER no_intent_summary_shown_update AFTER UPDATE OF l1, l2, l3,
  notes, next_action, declaration_id, subscription_id, workload_id
  ON entitlement
  FOR EACH ROW WHEN ((OLD.l1 = 'no_intent' OR NEW.l1 = 'no_intent')
                     AND (OLD.l1 IS DISTINCT FROM NEW.l1
                          OR OLD.l2 IS DISTINCT FROM NEW.l2
                          OR OLD.l3 IS DISTINCT FROM NEW.l3
                          OR OLD.notes IS DISTINCT FROM NEW.notes
                          OR OLD.next_action IS DISTINCT FROM NEW.next_action
                          OR OLD.declaration_id IS DISTINCT FROM NEW.declaration_id
                          OR OLD.subscription_id IS DISTINCT FROM NEW.subscription_id
                          OR OLD.workload_id IS DISTINCT FROM NEW.workload_id))
  EXECUTE FUNCTION no_intent_summary_shown();

-- A customer's new name on its rows.
CREATE FUNCTION no_intent_summary_shown_rename() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE no_intent_shown SET customer = NEW.name
  WHERE workload_id IN (SELECT id FROM workload) AND customer_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER no_intent_summary_shown_rename AFTER UPDATE OF name
  ON customer
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION no_intent_summary_shown_rename();
