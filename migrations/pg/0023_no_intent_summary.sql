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
