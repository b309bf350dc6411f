-- Issue 21 item 1: both departments at the table. The seed's campaign is joint: the city's 住建局, 人社局
-- and 住房公积金管理中心 compare the data together and fill the 汇总表 together (共同填写《汇总表》), which goes
-- to 省住建厅 and 省人社厅, each of which checks it (核查确认).

-- New roles: the city's 人社局 (city_hr_officer) and 公积金中心 (city_fund_officer), bound to one city as a
-- city officer is, and the provincial 人社厅 (province_hr_coordinator).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN (
  'province_coordinator', 'city_officer', 'supervisor', 'auditor', 'city_hr_officer', 'city_fund_officer', 'province_hr_coordinator'));
-- Migration 006 declared the city rule inline (PostgreSQL named it): found by its definition.
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
            WHERE conrelid = 'app_user'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%city_code IS NOT NULL%'
  LOOP
    EXECUTE format('ALTER TABLE app_user DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
ALTER TABLE app_user ADD CONSTRAINT app_user_city_role
  CHECK ((role IN ('city_officer', 'city_hr_officer', 'city_fund_officer')) = (city_code IS NOT NULL));

-- A city's submission is complete when both 住建 and 人社 have signed it. 'signing': 住建 submitted, 人社's
-- signature awaited (the province does not see it as submitted yet).
ALTER TABLE submission DROP CONSTRAINT submission_status_check;
ALTER TABLE submission ADD CONSTRAINT submission_status_check CHECK (status IN ('signing', 'submitted', 'approved', 'returned'));

-- Each department's sign-off of one version: who and when (one per department and version).
CREATE TABLE submission_signoff (
  campaign_id  text NOT NULL,
  city_code    char(4) NOT NULL,
  kind         text NOT NULL,
  version      integer NOT NULL,
  department   text NOT NULL CHECK (department IN ('housing', 'hr')),
  signed_by    text NOT NULL,
  signed_role  text NOT NULL,
  signed_at    timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, city_code, kind, version, department),
  FOREIGN KEY (campaign_id, city_code, kind, version) REFERENCES submission (campaign_id, city_code, kind, version)
);

-- The province's review, each department for its part (省住建厅: housing; 省人社厅: hr). The submission is
-- approved when both parts are; a return of either part returns it to the city.
CREATE TABLE submission_review_part (
  campaign_id  text NOT NULL,
  city_code    char(4) NOT NULL,
  kind         text NOT NULL,
  version      integer NOT NULL,
  department   text NOT NULL CHECK (department IN ('housing', 'hr')),
  decision     text NOT NULL CHECK (decision IN ('approve', 'return')),
  comments     text,
  reviewed_by  text NOT NULL,
  reviewed_at  timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, city_code, kind, version, department),
  FOREIGN KEY (campaign_id, city_code, kind, version) REFERENCES submission (campaign_id, city_code, kind, version)
);

-- 人社's findings on a case (seed: 核实注册人员的社保和劳动关系; 核实执业资格证报考单位): the labour relationship and the
-- unit the person applied for the qualification exam through, each compared with the registered unit.
-- Every finding is kept (a later one supersedes for reading, the history stays).
CREATE TABLE case_labour_finding (
  id                  bigserial PRIMARY KEY,
  case_id             text NOT NULL REFERENCES case_file (case_id),
  labour_relation     text NOT NULL CHECK (labour_relation IN ('registered_unit', 'other_unit', 'none', 'unverifiable')),
  labour_unit_name    text,
  exam_unit           text NOT NULL CHECK (exam_unit IN ('registered_unit', 'other_unit', 'unverifiable')),
  exam_unit_name      text,
  note                text,
  recorded_by         text NOT NULL,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  request_id          text UNIQUE
);
CREATE INDEX case_labour_finding_case ON case_labour_finding (case_id, recorded_at);

-- The city's 住房公积金管理中心 uploads its fund data (source housing_fund) and confirms a completed import
-- for its city (seed: 配合当地住建部门对注册信息和公积金缴存信息进行比对): who confirmed which import, when.
CREATE TABLE fund_data_confirmation (
  import_id     uuid NOT NULL REFERENCES data_import (id),
  city_code     char(4) NOT NULL,
  confirmed_by  text NOT NULL,
  confirmed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (import_id, city_code)
);
