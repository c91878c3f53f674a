-- 0002_reference_data: the playbook's L1/L2 codes, the labels of the other
-- codes, and a starting workload catalogue.

-- include: data/0002_reference_data.sql
