-- The penalty procedure (issue 19, docs/procedure.md): one per case and level (city | province),
-- run by workflows/penaltyProcedure.ts. The workflow holds ids and dates; what it decided is kept
-- here, every step in procedure_event, every measure's life in procedure_measure (rows are added,
-- never deleted: the trail stays), every service in procedure_service.

-- Settings the province edits (one row); defaults documented in docs/procedure.md as defaults.
CREATE TABLE procedure_setting (
  singleton                        boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  statement_working_days           integer NOT NULL DEFAULT 5 CHECK (statement_working_days BETWEEN 1 AND 30),
  reminder_days_before_time_limit  integer NOT NULL DEFAULT 10 CHECK (reminder_days_before_time_limit BETWEEN 1 AND 60),
  basis_recheck_days               integer NOT NULL DEFAULT 1 CHECK (basis_recheck_days BETWEEN 1 AND 30),
  updated_by                       text NOT NULL DEFAULT 'system',
  updated_at                       timestamptz NOT NULL DEFAULT now()
);
INSERT INTO procedure_setting (singleton) VALUES (true);

CREATE TABLE penalty_procedure (
  procedure_id             text PRIMARY KEY,             -- penalty-procedure/<caseId>/<level>, the workflow id
  case_id                  text NOT NULL REFERENCES case_file (case_id),
  campaign_id              text NOT NULL,
  city_code                char(4) NOT NULL,
  level                    text NOT NULL CHECK (level IN ('city', 'province')),
  authority_code           text NOT NULL REFERENCES issuing_authority (code),
  legal_basis_id           bigint REFERENCES legal_basis_version (id),
  violation                text NOT NULL CHECK (violation IN ('IMPROPER_REGISTRATION', 'LENDING_CERTIFICATE')),
  cert_category            text,
  step                     text NOT NULL CHECK (step IN ('proposal', 'notice', 'statement', 'hearing', 'review', 'decision',
                                                         'ministry', 'redress', 'closed')),
  awaiting                 text[] NOT NULL DEFAULT '{}',
  hearing_applies          boolean NOT NULL DEFAULT false,
  facts_text_id            uuid,                          -- officer_text: the proposal's facts
  evidence_text_id         uuid,                          -- officer_text: the proposal's evidence
  opened_on                date NOT NULL,                 -- 立案 (art. 60's 90 days run from it)
  time_limit_on            date NOT NULL,                 -- art. 60, or as extended
  time_limit_extended      boolean NOT NULL DEFAULT false,
  notice_document_id       uuid,
  notice_served_on         date,
  statement_deadline       date,
  hearing_request_deadline date,
  rights_waived_on         date,
  hearing_requested_on     date,
  hearing_date             date,
  hearing_time             text,
  hearing_place_text_id    uuid,
  hearing_presiding_text_id uuid,
  hearing_document_id      uuid,
  hearing_notice_served_on date,
  hearing_held_on          date,
  review_adopted           boolean,
  review_reasons_text_id   uuid,
  reviewed_on              date,
  decision_document_id     uuid,
  decision_on              date,                          -- the responsible person's approval
  decision_served_on       date,
  ministry_document_id     uuid,
  ministry_revoked         boolean,
  ministry_answered_on     date,
  ministry_document_number text,
  effective_on             date,                          -- measures in effect from (service, or the ministry's revocation)
  redress_kind             text CHECK (redress_kind IN ('administrative_review', 'lawsuit')),
  redress_filed_on         date,
  redress_result           text CHECK (redress_result IN ('upheld', 'revoked', 'changed')),
  redress_decided_on       date,
  closed_on                date,
  closed_because           text CHECK (closed_because IN ('done', 'no_penalty', 'no_measures', 'ministry_declined', 'withdrawn')),
  run_id                   text,                          -- the workflow run now conducting it
  runs                     integer NOT NULL DEFAULT 1,    -- runs so far: a case reopened and decided liable again opens it anew
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, level)
);
CREATE INDEX penalty_procedure_city ON penalty_procedure (campaign_id, city_code, step);
CREATE INDEX penalty_procedure_open ON penalty_procedure (level, step) WHERE closed_on IS NULL;

-- A procedure's measures, one row per version of each kind: a review or a redress that changes a
-- measure marks its row `changed` and adds the new one; nothing is deleted.
CREATE TABLE procedure_measure (
  procedure_id       text NOT NULL REFERENCES penalty_procedure (procedure_id),
  kind               text NOT NULL CHECK (kind IN ('WARNING', 'ORDER_TO_CORRECT', 'FINE', 'REVOKE_REGISTRATION', 'BAD_CONDUCT_RECORD')),
  version            integer NOT NULL CHECK (version >= 1),
  authority          text NOT NULL CHECK (authority IN ('CITY_BUREAU', 'PROVINCE_DEPARTMENT', 'MINISTRY_ON_PROPOSAL')),
  amount_yuan        integer,
  illegal_gains_yuan integer,
  reapply_bar_years  integer,
  status             text NOT NULL CHECK (status IN ('proposed', 'decided', 'in_effect', 'withdrawn', 'changed', 'dropped')),
  status_on          date NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (procedure_id, kind, version)
);

-- Every step taken: who, when, what (dates, ids, references to officer_text; never free text).
CREATE TABLE procedure_event (
  procedure_id text NOT NULL REFERENCES penalty_procedure (procedure_id),
  event_id     text NOT NULL,                 -- the update id, or '<step>/<what>' for the workflow's own steps
  action       text NOT NULL,
  step         text NOT NULL,
  officer_id   text,
  officer_role text,
  officer_city text,
  payload      jsonb NOT NULL DEFAULT '{}',
  happened_on  date NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (procedure_id, event_id)
);

CREATE TABLE procedure_attachment (
  attachment_id uuid PRIMARY KEY,
  procedure_id  text NOT NULL REFERENCES penalty_procedure (procedure_id),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  bytes         bytea NOT NULL,
  sha256        char(64) NOT NULL,
  size          integer NOT NULL,
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedure_attachment_procedure ON procedure_attachment (procedure_id);

-- 送达: which document, how, when, to whom (officer_text), with its proof.
CREATE TABLE procedure_service (
  procedure_id        text NOT NULL REFERENCES penalty_procedure (procedure_id),
  service_id          text NOT NULL,          -- the update id
  served_document     text NOT NULL CHECK (served_document IN ('notice', 'hearing_notice', 'decision')),
  document_id         uuid NOT NULL,          -- generated_document.id
  method              text NOT NULL CHECK (method IN ('direct', 'post', 'electronic', 'public_notice')),
  served_on           date NOT NULL,
  receiver_text_id    uuid,
  proof_attachment_id uuid,                   -- procedure_attachment.attachment_id (checked by the API when it is uploaded)
  recorded_by         text NOT NULL,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (procedure_id, service_id)
);

-- Penalty rows recorded by a procedure name it; a redress that revokes the decision moves them to
-- penalty_withdrawn as a reopening does.
ALTER TABLE penalty ADD COLUMN procedure_id text REFERENCES penalty_procedure (procedure_id);
ALTER TABLE penalty_withdrawn DROP CONSTRAINT penalty_withdrawn_withdrawn_because_check;
ALTER TABLE penalty_withdrawn ADD CONSTRAINT penalty_withdrawn_withdrawn_because_check
  CHECK (withdrawn_because IN ('reopen', 'override', 'redress'));
