-- 0023_no_intent_summary: the figures of `no-intent --accounts` and the
-- services of `no-intent --l2`, kept as entitlements change rather than
-- counted from every entitlement on each call (src/core/no_intent.c reads
-- them, src/core/no_intent_summary.c checks them against a recount in
-- verify). Triggers keep them, in the transaction that writes the
-- entitlement, on every path that writes one (commands, import, revert,
-- copy): each change adds or takes away one entitlement's share of the
-- rows it touches, never a recount. A service is a customer x workload; a
-- subscription never changes customer, so an entitlement's customer is
-- its subscription's.

-- A service with an entitlement counted in reports (Duplicate/Invalid
-- ones aside): how many, and how many are in No Intent. No row for none.
CREATE TABLE no_intent_service (
  customer_id INTEGER NOT NULL,
  workload_id INTEGER NOT NULL,
  counted     INTEGER NOT NULL CHECK (counted > 0),
  no_intent   INTEGER NOT NULL CHECK (no_intent BETWEEN 0 AND counted),
  PRIMARY KEY (customer_id, workload_id)
) STRICT, WITHOUT ROWID;

-- A service's No Intent entitlements of one L2: how many, and the first
-- subscription (lowest id) holding one, which orders an account's L2s as
-- a pass over its subscriptions and their workloads first sees them.
CREATE TABLE no_intent_l2 (
  customer_id        INTEGER NOT NULL,
  workload_id        INTEGER NOT NULL,
  l2                 TEXT NOT NULL,
  entitlements       INTEGER NOT NULL CHECK (entitlements > 0),
  first_subscription INTEGER NOT NULL,
  PRIMARY KEY (customer_id, workload_id, l2)
) STRICT, WITHOUT ROWID;
CREATE INDEX no_intent_l2_l2 ON no_intent_l2(l2, workload_id);

-- An account with a service counted in reports: its services, and how
-- many of them have a No Intent entitlement.
CREATE TABLE no_intent_account (
  customer_id INTEGER PRIMARY KEY,
  services    INTEGER NOT NULL CHECK (services > 0),
  no_intent   INTEGER NOT NULL CHECK (no_intent BETWEEN 0 AND services)
) STRICT;

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

-- An entitlement's share taken away (OLD): its L2 row first (the first
-- subscription found again among the service's other No Intent
-- entitlements of that L2 when it was this one's), then its service, then
-- the account, from what the service row became; rows left at zero go.
-- An entitlement's share added (NEW): the account from what the service
-- row was, then the service, then its L2 row. The triggers use only
-- SQLite's own functions, so that the sqlite3 shell can write too.
CREATE TRIGGER no_intent_summary_insert AFTER INSERT ON entitlement
WHEN NEW.l1 <> 'duplicate_invalid'
BEGIN
  INSERT INTO no_intent_account (customer_id, services, no_intent)
  SELECT customer_id, 1, 0 FROM subscription
  WHERE id = NEW.subscription_id
  ON CONFLICT (customer_id) DO UPDATE SET services = services +
    NOT EXISTS (SELECT 1 FROM no_intent_service v
                WHERE v.customer_id = excluded.customer_id
                AND v.workload_id = NEW.workload_id);
  UPDATE no_intent_account SET no_intent = no_intent + 1
  WHERE NEW.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
  AND NOT EXISTS (SELECT 1 FROM no_intent_service v
                  WHERE v.customer_id = no_intent_account.customer_id
                  AND v.workload_id = NEW.workload_id AND v.no_intent > 0);
  INSERT INTO no_intent_service (customer_id, workload_id, counted, no_intent)
  SELECT customer_id, NEW.workload_id, 1, NEW.l1 = 'no_intent'
  FROM subscription WHERE id = NEW.subscription_id
  ON CONFLICT (customer_id, workload_id) DO UPDATE SET
    counted = counted + 1, no_intent = no_intent + excluded.no_intent;
  INSERT INTO no_intent_l2 (customer_id, workload_id, l2, entitlements,
                            first_subscription)
  SELECT customer_id, NEW.workload_id, NEW.l2, 1, NEW.subscription_id
  FROM subscription WHERE id = NEW.subscription_id
  AND NEW.l1 = 'no_intent' AND NEW.l2 IS NOT NULL
  ON CONFLICT (customer_id, workload_id, l2) DO UPDATE SET
    entitlements = entitlements + 1,
    first_subscription = min(first_subscription,
                             excluded.first_subscription);
END;

CREATE TRIGGER no_intent_summary_delete AFTER DELETE ON entitlement
WHEN OLD.l1 <> 'duplicate_invalid'
BEGIN
  DELETE FROM no_intent_l2
  WHERE OLD.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND workload_id = OLD.workload_id AND l2 = OLD.l2 AND entitlements = 1;
  UPDATE no_intent_l2 SET entitlements = entitlements - 1,
    first_subscription = CASE WHEN first_subscription <> OLD.subscription_id
      THEN first_subscription
      ELSE coalesce((SELECT min(s.id) FROM subscription s
                     CROSS JOIN entitlement e
                     WHERE s.customer_id = no_intent_l2.customer_id
                     AND e.subscription_id = s.id
                     AND e.workload_id = OLD.workload_id
                     AND e.l1 = 'no_intent' AND e.l2 = OLD.l2), 0) END
  WHERE OLD.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND workload_id = OLD.workload_id AND l2 = OLD.l2;
  DELETE FROM no_intent_account
  WHERE customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND services = 1
  AND EXISTS (SELECT 1 FROM no_intent_service v
              WHERE v.customer_id = no_intent_account.customer_id
              AND v.workload_id = OLD.workload_id AND v.counted = 1);
  UPDATE no_intent_account SET
    services = services - EXISTS (SELECT 1 FROM no_intent_service v
      WHERE v.customer_id = no_intent_account.customer_id
      AND v.workload_id = OLD.workload_id AND v.counted = 1),
    no_intent = no_intent - (OLD.l1 = 'no_intent'
      AND EXISTS (SELECT 1 FROM no_intent_service v
        WHERE v.customer_id = no_intent_account.customer_id
        AND v.workload_id = OLD.workload_id AND v.no_intent = 1))
  WHERE customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id);
  DELETE FROM no_intent_service
  WHERE customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND workload_id = OLD.workload_id
  AND counted = 1;
  UPDATE no_intent_service SET counted = counted - 1,
    no_intent = no_intent - (OLD.l1 = 'no_intent')
  WHERE customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND workload_id = OLD.workload_id;
END;

-- Only a change of what the summaries count moves them.
CREATE TRIGGER no_intent_summary_update AFTER UPDATE OF l1, l2,
  subscription_id, workload_id ON entitlement
WHEN (OLD.l1 IS NOT NEW.l1 OR OLD.l2 IS NOT NEW.l2
      OR OLD.subscription_id IS NOT NEW.subscription_id
      OR OLD.workload_id IS NOT NEW.workload_id)
     AND (OLD.l1 <> 'duplicate_invalid' OR NEW.l1 <> 'duplicate_invalid')
BEGIN
  DELETE FROM no_intent_l2
  WHERE OLD.l1 <> 'duplicate_invalid' AND OLD.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND workload_id = OLD.workload_id AND l2 = OLD.l2 AND entitlements = 1;
  UPDATE no_intent_l2 SET entitlements = entitlements - 1,
    first_subscription = CASE WHEN first_subscription <> OLD.subscription_id
      THEN first_subscription
      ELSE coalesce((SELECT min(s.id) FROM subscription s
                     CROSS JOIN entitlement e
                     WHERE s.customer_id = no_intent_l2.customer_id
                     AND e.subscription_id = s.id
                     AND e.workload_id = OLD.workload_id
                     AND e.l1 = 'no_intent' AND e.l2 = OLD.l2), 0) END
  WHERE OLD.l1 <> 'duplicate_invalid' AND OLD.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND workload_id = OLD.workload_id AND l2 = OLD.l2;
  DELETE FROM no_intent_account
  WHERE OLD.l1 <> 'duplicate_invalid' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND services = 1
  AND EXISTS (SELECT 1 FROM no_intent_service v
              WHERE v.customer_id = no_intent_account.customer_id
              AND v.workload_id = OLD.workload_id AND v.counted = 1);
  UPDATE no_intent_account SET
    services = services - EXISTS (SELECT 1 FROM no_intent_service v
      WHERE v.customer_id = no_intent_account.customer_id
      AND v.workload_id = OLD.workload_id AND v.counted = 1),
    no_intent = no_intent - (OLD.l1 = 'no_intent'
      AND EXISTS (SELECT 1 FROM no_intent_service v
        WHERE v.customer_id = no_intent_account.customer_id
        AND v.workload_id = OLD.workload_id AND v.no_intent = 1))
  WHERE OLD.l1 <> 'duplicate_invalid' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id);
  DELETE FROM no_intent_service
  WHERE OLD.l1 <> 'duplicate_invalid' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND workload_id = OLD.workload_id
  AND counted = 1;
  UPDATE no_intent_service SET counted = counted - 1,
    no_intent = no_intent - (OLD.l1 = 'no_intent')
  WHERE OLD.l1 <> 'duplicate_invalid' AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id) AND workload_id = OLD.workload_id;
  INSERT INTO no_intent_account (customer_id, services, no_intent)
  SELECT customer_id, 1, 0 FROM subscription
  WHERE NEW.l1 <> 'duplicate_invalid' AND id = NEW.subscription_id
  ON CONFLICT (customer_id) DO UPDATE SET services = services +
    NOT EXISTS (SELECT 1 FROM no_intent_service v
                WHERE v.customer_id = excluded.customer_id
                AND v.workload_id = NEW.workload_id);
  UPDATE no_intent_account SET no_intent = no_intent + 1
  WHERE NEW.l1 <> 'duplicate_invalid' AND NEW.l1 = 'no_intent' AND customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
  AND NOT EXISTS (SELECT 1 FROM no_intent_service v
                  WHERE v.customer_id = no_intent_account.customer_id
                  AND v.workload_id = NEW.workload_id AND v.no_intent > 0);
  INSERT INTO no_intent_service (customer_id, workload_id, counted, no_intent)
  SELECT customer_id, NEW.workload_id, 1, NEW.l1 = 'no_intent'
  FROM subscription WHERE NEW.l1 <> 'duplicate_invalid' AND id = NEW.subscription_id
  ON CONFLICT (customer_id, workload_id) DO UPDATE SET
    counted = counted + 1, no_intent = no_intent + excluded.no_intent;
  INSERT INTO no_intent_l2 (customer_id, workload_id, l2, entitlements,
                            first_subscription)
  SELECT customer_id, NEW.workload_id, NEW.l2, 1, NEW.subscription_id
  FROM subscription WHERE NEW.l1 <> 'duplicate_invalid' AND id = NEW.subscription_id
  AND NEW.l1 = 'no_intent' AND NEW.l2 IS NOT NULL
  ON CONFLICT (customer_id, workload_id, l2) DO UPDATE SET
    entitlements = entitlements + 1,
    first_subscription = min(first_subscription,
                             excluded.first_subscription);
END;

-- A service with a No Intent entitlement: its customer's name and what
-- `no-intent` shows of each of them, in entitlement order, as a JSON
-- array of [subscription code, l2, l3, notes, declared at, declared by,
-- validated with, next action] arrays, so that `no-intent --l2` reads one
-- row a service rather than its customer, subscriptions, entitlements and
-- declarations; by workload first, so that one workload's services lie
-- together. Unlike the counts, a row is rebuilt whole from its service's
-- No Intent entitlements (a few) when one of them changes; declarations
-- are never updated (migration 0006) and a subscription keeps its code and
-- customer.
CREATE TABLE no_intent_shown (
  workload_id  INTEGER NOT NULL,
  customer_id  INTEGER NOT NULL,
  customer     TEXT NOT NULL COLLATE NOCASE,
  entitlements TEXT NOT NULL,
  PRIMARY KEY (workload_id, customer_id)
) STRICT, WITHOUT ROWID;

INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                             entitlements)
SELECT workload_id, customer_id,
       (SELECT name FROM customer WHERE id = customer_id),
       json_group_array(json(r))
FROM (SELECT s.customer_id AS customer_id, e.workload_id AS workload_id,
             json_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                        d.validated_with, e.next_action) AS r
      FROM subscription s CROSS JOIN entitlement e
      LEFT JOIN declaration d ON d.id = e.declaration_id
      WHERE e.subscription_id = s.id AND e.l1 = 'no_intent'
      ORDER BY e.workload_id, s.customer_id, e.id)
GROUP BY workload_id, customer_id;

CREATE TRIGGER no_intent_summary_shown_insert AFTER INSERT ON entitlement
WHEN NEW.l1 = 'no_intent'
BEGIN
  DELETE FROM no_intent_shown
  WHERE workload_id = NEW.workload_id
  AND customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id);
  INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                               entitlements)
  SELECT NEW.workload_id, c.id, c.name, v.shown
  FROM customer c,
       (SELECT json_group_array(json(r)) AS shown, count(*) AS n
        FROM (SELECT json_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                                d.validated_with, e.next_action) AS r
              FROM subscription s CROSS JOIN entitlement e
              LEFT JOIN declaration d ON d.id = e.declaration_id
              WHERE s.customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
              AND e.subscription_id = s.id
              AND e.workload_id = NEW.workload_id AND e.l1 = 'no_intent'
              ORDER BY e.id)) v
  WHERE c.id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
  AND v.n > 0;
END;

CREATE TRIGGER no_intent_summary_shown_delete AFTER DELETE ON entitlement
WHEN OLD.l1 = 'no_intent'
BEGIN
  DELETE FROM no_intent_shown
  WHERE workload_id = OLD.workload_id
  AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id);
  INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                               entitlements)
  SELECT OLD.workload_id, c.id, c.name, v.shown
  FROM customer c,
       (SELECT json_group_array(json(r)) AS shown, count(*) AS n
        FROM (SELECT json_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                                d.validated_with, e.next_action) AS r
              FROM subscription s CROSS JOIN entitlement e
              LEFT JOIN declaration d ON d.id = e.declaration_id
              WHERE s.customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
              AND e.subscription_id = s.id
              AND e.workload_id = OLD.workload_id AND e.l1 = 'no_intent'
              ORDER BY e.id)) v
  WHERE c.id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND v.n > 0;
END;

-- The old service, then the new one when it may be another (or the
-- entitlement was not in No Intent before): rebuilt from the entitlements
-- as they are after the change, the old service's row already holds a
-- new one of the same service.
CREATE TRIGGER no_intent_summary_shown_update AFTER UPDATE OF l1, l2, l3,
  notes, next_action, declaration_id, subscription_id, workload_id
  ON entitlement
WHEN (OLD.l1 = 'no_intent' OR NEW.l1 = 'no_intent')
     AND (OLD.l1 IS NOT NEW.l1 OR OLD.l2 IS NOT NEW.l2
          OR OLD.l3 IS NOT NEW.l3 OR OLD.notes IS NOT NEW.notes
          OR OLD.next_action IS NOT NEW.next_action
          OR OLD.declaration_id IS NOT NEW.declaration_id
          OR OLD.subscription_id IS NOT NEW.subscription_id
          OR OLD.workload_id IS NOT NEW.workload_id)
BEGIN
  DELETE FROM no_intent_shown
  WHERE OLD.l1 = 'no_intent'
  AND workload_id = OLD.workload_id
  AND customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id);
  INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                               entitlements)
  SELECT OLD.workload_id, c.id, c.name, v.shown
  FROM customer c,
       (SELECT json_group_array(json(r)) AS shown, count(*) AS n
        FROM (SELECT json_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                                d.validated_with, e.next_action) AS r
              FROM subscription s CROSS JOIN entitlement e
              LEFT JOIN declaration d ON d.id = e.declaration_id
              WHERE s.customer_id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
              AND e.subscription_id = s.id
              AND e.workload_id = OLD.workload_id AND e.l1 = 'no_intent'
              ORDER BY e.id)) v
  WHERE OLD.l1 = 'no_intent'
  AND c.id = (SELECT customer_id FROM subscription WHERE id = OLD.subscription_id)
  AND v.n > 0;
  DELETE FROM no_intent_shown
  WHERE NEW.l1 = 'no_intent' AND (OLD.l1 <> 'no_intent'
    OR OLD.subscription_id <> NEW.subscription_id
    OR OLD.workload_id <> NEW.workload_id)
  AND workload_id = NEW.workload_id
  AND customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id);
  INSERT INTO no_intent_shown (workload_id, customer_id, customer,
                               entitlements)
  SELECT NEW.workload_id, c.id, c.name, v.shown
  FROM customer c,
       (SELECT json_group_array(json(r)) AS shown, count(*) AS n
        FROM (SELECT json_array(s.code, e.l2, e.l3, e.notes, d.at, d.who,
                                d.validated_with, e.next_action) AS r
              FROM subscription s CROSS JOIN entitlement e
              LEFT JOIN declaration d ON d.id = e.declaration_id
              WHERE s.customer_id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
              AND e.subscription_id = s.id
              AND e.workload_id = NEW.workload_id AND e.l1 = 'no_intent'
              ORDER BY e.id)) v
  WHERE NEW.l1 = 'no_intent' AND (OLD.l1 <> 'no_intent'
    OR OLD.subscription_id <> NEW.subscription_id
    OR OLD.workload_id <> NEW.workload_id)
  AND c.id = (SELECT customer_id FROM subscription WHERE id = NEW.subscription_id)
  AND v.n > 0;
END;

-- A customer's new name on its rows (one look-up per workload: the key
-- starts with the workload), a change of case too (the name's own
-- collation, NOCASE, would call the two equal).
CREATE TRIGGER no_intent_summary_shown_rename AFTER UPDATE OF name
  ON customer
WHEN OLD.name IS NOT NEW.name COLLATE BINARY
BEGIN
  UPDATE no_intent_shown SET customer = NEW.name
  WHERE workload_id IN (SELECT id FROM workload) AND customer_id = NEW.id;
END;
