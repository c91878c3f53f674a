-- 0025_trigger_plans (PostgreSQL): the trigger functions' look-ups are
-- planned on each call, from the tables as they are then. PL/pgSQL keeps a
-- statement's plan for the session: one made while a table was empty (an
-- import's first declaration, into a new database) scans the table, and
-- kept while the import's own rows fill it, each row's check read every row
-- before it. Measured on the benchmark's 1M-entitlement data: 134k
-- declarations imported into a database with none took over 30 minutes,
-- each INSERT INTO declaration 10-20 ms. A plan made on each call costs
-- tens of microseconds.
ALTER FUNCTION audit_no_replace() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION change_not_after_seal() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION ftrack_sequence_keep() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION next_id() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION no_intent_shown_rebuild(bigint, bigint)
  SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION no_intent_summary() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION no_intent_summary_shown()
  SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION no_intent_summary_shown_rename()
  SET plan_cache_mode = force_custom_plan;
