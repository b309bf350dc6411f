-- Cases (phase 2, city investigation): one case per flagged person per campaign, its evidence,
-- the officer's decision, the penalties it carries, bans, registration freezes, complaints and
-- on-site check tasks. Workflows carry case ids only; everything personal lives here.

-- case_id is globally unique ('<campaignId>-<cityCode>-<6-digit seq>') because activities and
-- penalty keys take it alone; case_no ('2201-000042') is what officers see.
CREATE TABLE case_file (
  case_id            text PRIMARY KEY,
  case_no            text NOT NULL,
  campaign_id        text NOT NULL,
  city_code          char(4) NOT NULL,
  seq                integer NOT NULL CHECK (seq >= 1),
  id_number          char(18) NOT NULL,
  origin             text NOT NULL CHECK (origin IN ('screening', 'complaint')),
  screening_run_id   bigint REFERENCES screening_run(id),
  reasons            text[] NOT NULL DEFAULT '{}',
  risk_score         integer NOT NULL DEFAULT 0,
  shard_index        integer,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided', 'closed', 'carried_over')),
  outcome            text CHECK (outcome IN ('COMPLIANT', 'RECTIFIED', 'DEREGISTERED', 'VIOLATION', 'TRANSFERRED')),
  decision           jsonb,
  decision_update_id text,
  decided_by         text,
  decided_at         timestamptz,
  decided_on         date,                  -- the decision's date in Asia/Shanghai
  -- Liability: 'liable' for a VIOLATION, 'exempt' when the person corrected within phase 1.
  liability          text CHECK (liability IN ('liable', 'exempt', 'none')),
  exemption_basis    text,
  opened_at          timestamptz NOT NULL DEFAULT now(),
  due_at             timestamptz,
  reminded_at        timestamptz,
  reminders          integer NOT NULL DEFAULT 0,
  escalated_at       timestamptz,
  overdue_at         timestamptz,
  carried_over_at    timestamptz,
  carry_over_reason  text,
  closed_at          timestamptz,
  evidence_at        timestamptz,
  UNIQUE (campaign_id, id_number),
  UNIQUE (campaign_id, city_code, seq)
);
CREATE INDEX case_file_city ON case_file (campaign_id, city_code, case_id);
CREATE INDEX case_file_status ON case_file (campaign_id, city_code, status);

-- One row per evidence kind (screening, registrations, social_insurance, housing_fund, ...):
-- re-gathering replaces the row, so a retried activity never duplicates evidence.
CREATE TABLE case_evidence (
  case_id     text NOT NULL REFERENCES case_file(case_id),
  kind        text NOT NULL,
  payload     jsonb NOT NULL,
  gathered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind)
);

-- Every human message a case received (decisions, carry-overs, provincial penalties), keyed by
-- the Temporal update id: the idempotency key that makes a redelivered update a no-op.
CREATE TABLE decision_log (
  update_id    text NOT NULL,
  case_id      text NOT NULL REFERENCES case_file(case_id),
  action       text NOT NULL CHECK (action IN ('decide', 'carry_over', 'provincial_penalty')),
  officer_id   text NOT NULL,
  officer_role text NOT NULL,
  officer_city text,
  payload      jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, update_id)
);

-- penalty_id is deterministic ('<caseId>:<kind>' for the person, '<caseId>:<kind>:<unitKey>' for a
-- unit), so applying a case's penalties twice yields one set.
CREATE TABLE penalty (
  penalty_id  text PRIMARY KEY,
  case_id     text NOT NULL REFERENCES case_file(case_id),
  kind        text NOT NULL CHECK (kind IN ('REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y', 'BAD_CONDUCT_PERSON',
                                            'BAD_CONDUCT_UNIT', 'DYNAMIC_QUALIFICATION_CHECK', 'NOTIFY_EMPLOYER',
                                            'AGENCY_RECTIFY_ORDER')),
  level       text NOT NULL CHECK (level IN ('city', 'province')),
  imposed_on  date NOT NULL,
  target      text NOT NULL CHECK (target IN ('person', 'unit')),
  unit_name   text,
  unit_code   char(18),
  published   boolean NOT NULL DEFAULT false,  -- bad-conduct records go on the provincial public platform
  details     jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX penalty_case ON penalty (case_id);

-- The 3-year ban on registration applications, inclusive dates (domain banPeriod).
CREATE TABLE registration_ban (
  case_id    text PRIMARY KEY REFERENCES case_file(case_id),
  id_number  char(18) NOT NULL,
  start_date date NOT NULL,
  end_date   date NOT NULL CHECK (end_date >= start_date)
);
CREATE INDEX registration_ban_person ON registration_ban (id_number, end_date);

-- While a case is open the person's registration is frozen, and the registration units may not
-- add or upgrade a qualification. One row per open case (a person may be in two campaigns).
CREATE TABLE registration_freeze (
  id_number      char(18) NOT NULL,
  case_id        text NOT NULL REFERENCES case_file(case_id),
  unit_codes     text[] NOT NULL DEFAULT '{}',
  unit_names_norm text[] NOT NULL DEFAULT '{}',
  frozen_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id_number, case_id)
);
CREATE INDEX registration_freeze_units ON registration_freeze USING gin (unit_codes);

-- Complaints and tips (投诉举报): each registered; attached to the person's case or opening one.
CREATE TABLE complaint (
  complaint_id      text PRIMARY KEY,
  campaign_id       text NOT NULL,
  city_code         char(4) NOT NULL,
  received_at       timestamptz NOT NULL,
  channel           text NOT NULL,         -- validated at the boundary (activities/cases ComplaintChannel)
  subject_id_number char(18),
  subject_unit      text,
  content           text NOT NULL,
  case_id           text REFERENCES case_file(case_id),
  opened_case       boolean NOT NULL DEFAULT false,   -- this complaint opened its case
  registered_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_campaign ON complaint (campaign_id, city_code, received_at);

-- On-site checks of the key staff of a unit's projects (到岗履职) where hanging is pronounced.
CREATE TABLE onsite_check_task (
  campaign_id text NOT NULL,
  unit_key    text NOT NULL,             -- the unit's USCC, or 'name:' + its normalised name
  city_code   char(4) NOT NULL,
  unit_name   text NOT NULL,
  unit_code   char(18),
  reason      text NOT NULL CHECK (reason IN ('min_violations', 'min_share', 'both')),
  violations  integer NOT NULL,
  staff_total integer NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, unit_key)
);
