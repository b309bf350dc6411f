-- Issue 19 (penalties by due process): corrections of a decided case, kept in full.

-- A reopening (the city re-decides a case the province named when it returned the report) and an
-- override (the province replaces the city's outcome) are logged like every other message.
ALTER TABLE decision_log DROP CONSTRAINT decision_log_action_check;
ALTER TABLE decision_log ADD CONSTRAINT decision_log_action_check
  CHECK (action IN ('decide', 'carry_over', 'provincial_penalty', 'reopen', 'override'));

ALTER TABLE case_file
  ADD COLUMN reopenings    integer NOT NULL DEFAULT 0,  -- times the city reopened it
  ADD COLUMN reopened_at   timestamptz,                 -- the latest reopening
  ADD COLUMN overridden    boolean NOT NULL DEFAULT false, -- the outcome is the province's, not the city's
  ADD COLUMN overridden_at timestamptz;

-- The cases the province names when it returns a city's investigation report (汇总表), for the city
-- to reopen; the reopening fills in who, when, why, and the decision it set aside.
CREATE TABLE case_reopening (
  case_id             text NOT NULL REFERENCES case_file(case_id),
  campaign_id         text NOT NULL,
  city_code           char(4) NOT NULL,
  submission_version  integer NOT NULL,          -- the returned version of the investigation report
  named_by            text NOT NULL,
  named_at            timestamptz NOT NULL,
  reopen_update_id    text,
  reopened_by         text,
  reopened_at         timestamptz,
  reason              text,
  previous_outcome    text,
  previous_decision   jsonb,
  previous_liability  text,
  previous_decided_on date,
  PRIMARY KEY (case_id, submission_version)
);
CREATE INDEX case_reopening_city ON case_reopening (campaign_id, city_code);

-- The province's overrides of a city's outcome, each with its reason and what it replaced.
CREATE TABLE case_override (
  update_id          text NOT NULL,
  case_id            text NOT NULL REFERENCES case_file(case_id),
  overridden_by      text NOT NULL,
  overridden_at      timestamptz NOT NULL,
  overridden_on      date NOT NULL,
  reason             text NOT NULL,
  previous_outcome   text,
  previous_decision  jsonb,
  previous_liability text,
  outcome            text NOT NULL,
  decision           jsonb NOT NULL,
  liability          text NOT NULL,
  PRIMARY KEY (case_id, update_id)
);

-- Penalties a reopening or an override withdrew: moved here with the correction that withdrew them
-- (a ban's dates are in its REGISTRATION_BAN_3Y row's details), never deleted.
CREATE TABLE penalty_withdrawn (
  penalty_id          text NOT NULL,
  case_id             text NOT NULL REFERENCES case_file(case_id),
  kind                text NOT NULL,
  level               text NOT NULL,
  imposed_on          date NOT NULL,
  target              text NOT NULL,
  unit_name           text,
  unit_code           char(18),
  published           boolean NOT NULL,
  details             jsonb NOT NULL,
  recorded_at         timestamptz NOT NULL,
  withdrawn_at        timestamptz NOT NULL,
  withdrawn_by_update text NOT NULL,
  withdrawn_because   text NOT NULL CHECK (withdrawn_because IN ('reopen', 'override')),
  PRIMARY KEY (penalty_id, withdrawn_by_update)
);
CREATE INDEX penalty_withdrawn_case ON penalty_withdrawn (case_id);
