-- Issue 21 item 2, 情节严重: an intermediary's rectification order escalated to the due-process
-- procedure (docs/intermediaries.md, docs/procedure.md). The same penalty_procedure, its party the
-- intermediary of the order instead of a case's person:
--  - a procedure is a case's (case_id) or an order's (intermediary_order_id), never both, never neither;
--  - its basis is an intermediary_basis_version (intermediary_basis_id), not a legal_basis_version;
--  - its measures include the 人社 kinds (没收违法所得, 吊销人力资源服务许可证, 予以关闭或者责令停止从事职业
--    中介活动) imposed by the city's 人力资源和社会保障局;
--  - its documents are numbered by the city's 人社局 (issuing_authority 'hr-<city>').
-- No penalty rows: `penalty` is the cases' (persons' and units' 住建 penalties); the measures' life stays in
-- procedure_measure.

ALTER TABLE penalty_procedure ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE penalty_procedure ADD COLUMN intermediary_order_id bigint REFERENCES intermediary_order (id);
ALTER TABLE penalty_procedure ADD COLUMN intermediary_basis_id bigint REFERENCES intermediary_basis_version (id);
ALTER TABLE penalty_procedure ADD CONSTRAINT penalty_procedure_one_party
  CHECK ((case_id IS NULL) <> (intermediary_order_id IS NULL));
ALTER TABLE penalty_procedure ADD CONSTRAINT penalty_procedure_basis_of_party
  CHECK (intermediary_order_id IS NOT NULL OR intermediary_basis_id IS NULL);
CREATE UNIQUE INDEX penalty_procedure_order ON penalty_procedure (intermediary_order_id) WHERE intermediary_order_id IS NOT NULL;

ALTER TABLE penalty_procedure DROP CONSTRAINT penalty_procedure_violation_check;
ALTER TABLE penalty_procedure ADD CONSTRAINT penalty_procedure_violation_check
  CHECK (violation IN ('IMPROPER_REGISTRATION', 'LENDING_CERTIFICATE', 'HR_SERVICE_IMPROPER', 'UNLICENSED_JOB_AGENCY'));

ALTER TABLE procedure_measure DROP CONSTRAINT procedure_measure_kind_check;
ALTER TABLE procedure_measure ADD CONSTRAINT procedure_measure_kind_check
  CHECK (kind IN ('WARNING', 'ORDER_TO_CORRECT', 'FINE', 'REVOKE_REGISTRATION', 'BAD_CONDUCT_RECORD',
                  'CONFISCATE_GAINS', 'REVOKE_LICENCE', 'CLOSE_OR_STOP'));
ALTER TABLE procedure_measure DROP CONSTRAINT procedure_measure_authority_check;
ALTER TABLE procedure_measure ADD CONSTRAINT procedure_measure_authority_check
  CHECK (authority IN ('CITY_BUREAU', 'PROVINCE_DEPARTMENT', 'MINISTRY_ON_PROPOSAL', 'CITY_HR_BUREAU'));

-- The cities' 人力资源和社会保障局 as issuing authorities. Their names are the bureaus' official names;
-- the abbreviations (the number's prefix) are the province's data, editable like the 住建 rows of 052.
INSERT INTO issuing_authority (code, name, abbreviation, city_code, updated_by) VALUES
  ('hr-2201', '长春市人力资源和社会保障局',             '长人社',   '2201', 'system'),
  ('hr-2202', '吉林市人力资源和社会保障局',             '吉市人社', '2202', 'system'),
  ('hr-2203', '四平市人力资源和社会保障局',             '四人社',   '2203', 'system'),
  ('hr-2204', '辽源市人力资源和社会保障局',             '辽人社',   '2204', 'system'),
  ('hr-2205', '通化市人力资源和社会保障局',             '通人社',   '2205', 'system'),
  ('hr-2206', '白山市人力资源和社会保障局',             '白山人社', '2206', 'system'),
  ('hr-2207', '松原市人力资源和社会保障局',             '松人社',   '2207', 'system'),
  ('hr-2208', '白城市人力资源和社会保障局',             '白城人社', '2208', 'system'),
  ('hr-2224', '延边朝鲜族自治州人力资源和社会保障局',   '延人社',   '2224', 'system');
