-- 0007_entitlement_service_index (PostgreSQL): the index that serves the No
-- Intent listing, and every look-up the workload index served.
DROP INDEX entitlement_workload;
CREATE INDEX entitlement_service_status ON entitlement(workload_id, l1, l2,
  subscription_id, declaration_id, next_action, l3);
