-- Issue 20 items 1 and 2: complaints and tips (投诉举报) as cases of their own (docs/complaints.md).
-- Each complaint has a registration number, gap-free per city and year and never reused (the counter
-- row is taken in the registering transaction: a rolled-back registration gives its number back);
-- its own workflow (complaint/<number>) holds its status and time limits. The complainant's contact is
-- kept apart (complaint_contact) and read only by the handling city's officers. No personal datum
-- crosses Temporal: the workflow's arguments are the number, the city and instants.

CREATE TABLE complaint_number_counter (
  city_code  char(4) NOT NULL,
  year       integer NOT NULL,
  last_seq   integer NOT NULL CHECK (last_seq >= 1),
  PRIMARY KEY (city_code, year)
);

CREATE TABLE complaint_case (
  complaint_no        text PRIMARY KEY CHECK (complaint_no ~ '^[0-9]{4}-[0-9]{4}-[0-9]{6}$'),  -- '2201-2026-000001'
  request_key         text NOT NULL UNIQUE,        -- the registration's idempotency key
  city_code           char(4) NOT NULL,
  year                integer NOT NULL,
  seq                 integer NOT NULL CHECK (seq >= 1),
  campaign_id         text NOT NULL REFERENCES campaign(id),  -- the city's campaign whose case a person complaint joins
  channel             text NOT NULL CHECK (channel IN ('phone', 'mail', 'letter', 'web', 'visit', 'referral', 'other')),
  source              text NOT NULL CHECK (source IN ('officer', 'public')),
  subject_kind        text NOT NULL CHECK (subject_kind IN ('person', 'unit')),
  subject_id_number   char(18),
  subject_uscc        char(18),
  subject_unit_name   text,
  content             text NOT NULL,
  received_at         timestamptz NOT NULL,
  registered_by       text NOT NULL,               -- an app_user's username, or 'public'
  registered_at       timestamptz NOT NULL DEFAULT now(),
  status              text NOT NULL DEFAULT 'registered'
                      CHECK (status IN ('registered', 'accepted', 'not_accepted', 'investigating', 'concluded', 'replied')),
  accept_due_at       timestamptz NOT NULL,        -- the time limit to decide acceptance (受理)
  handle_due_at       timestamptz,                 -- set at acceptance: the time limit to conclude and reply (办理)
  accepted_at         timestamptz,
  not_accepted_reason text,
  investigating_at    timestamptz,
  concluded_at        timestamptz,
  result              text,
  replied_at          timestamptz,
  reply               text,
  case_id             text REFERENCES case_file(case_id),
  case_link           text CHECK (case_link IN ('joined', 'opened', 'reopened', 'linked_closed')),
  reopen_reason       text,
  query_code_sha256   char(64) NOT NULL,           -- the complainant's secret query code, hashed
  workflow_started_at timestamptz,                 -- null: the workflow is yet to be started (recovered at API start)
  UNIQUE (city_code, year, seq),
  CHECK ((subject_kind = 'person') = (subject_id_number IS NOT NULL)),
  CHECK (subject_kind = 'person' OR subject_uscc IS NOT NULL OR subject_unit_name IS NOT NULL),
  CHECK (status <> 'not_accepted' OR not_accepted_reason IS NOT NULL),
  CHECK (status NOT IN ('concluded', 'replied') OR result IS NOT NULL),
  CHECK (status <> 'replied' OR reply IS NOT NULL)
);
CREATE INDEX complaint_case_city ON complaint_case (city_code, status, received_at);
CREATE INDEX complaint_case_unstarted ON complaint_case (registered_at) WHERE workflow_started_at IS NULL;

-- The complainant (may be anonymous): never in a log, a workflow payload or the audit's free text.
CREATE TABLE complaint_contact (
  complaint_no  text PRIMARY KEY REFERENCES complaint_case(complaint_no),
  name          text,
  phone         text,
  email         text,
  address       text
);

-- Each officer's step, written by the API before the workflow applies it (its update id is step_id):
-- a crash between the two is repaired by the same request again.
CREATE TABLE complaint_step (
  complaint_no  text NOT NULL REFERENCES complaint_case(complaint_no),
  step_id       text NOT NULL,
  step          text NOT NULL CHECK (step IN ('accept', 'not_accept', 'investigate', 'conclude', 'reply')),
  officer_id    text NOT NULL,
  officer_role  text NOT NULL,
  texts         jsonb NOT NULL DEFAULT '{}',
  requested_at  timestamptz NOT NULL DEFAULT now(),
  applied_at    timestamptz,
  outcome       jsonb,
  PRIMARY KEY (complaint_no, step_id)
);

-- A complaint about a unit (USCC or name) opens an inquiry: a worked item with owner, findings, result.
CREATE TABLE unit_inquiry (
  id            bigserial PRIMARY KEY,
  complaint_no  text NOT NULL UNIQUE REFERENCES complaint_case(complaint_no),
  city_code     char(4) NOT NULL,
  unit_code     char(18),
  unit_name     text,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  owner         text,
  findings      text,
  result        text,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  closed_by     text,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND result IS NOT NULL))
);

-- Province settings: each city's published hotline and mailbox (公布投诉举报电话或信箱).
CREATE TABLE complaint_channel_setting (
  city_code   char(4) PRIMARY KEY,
  hotline     text,
  mailbox     text,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Province settings: the time limits in calendar days, editable; the defaults are those of the
-- 信访 regulations (docs/complaints.md says where they come from and what is unverified).
CREATE TABLE complaint_period_setting (
  id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
  accept_days         integer NOT NULL CHECK (accept_days BETWEEN 1 AND 365),
  handle_days         integer NOT NULL CHECK (handle_days BETWEEN 1 AND 365),
  remind_days_before  integer NOT NULL CHECK (remind_days_before BETWEEN 0 AND 60),
  updated_by          text NOT NULL,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
INSERT INTO complaint_period_setting (accept_days, handle_days, remind_days_before, updated_by) VALUES (15, 60, 3, 'system');

-- An online complaint's files, typed by their content (migration 065's pattern; a general attachment
-- store will take them over).
CREATE TABLE complaint_attachment (
  id            uuid PRIMARY KEY,
  complaint_no  text NOT NULL REFERENCES complaint_case(complaint_no),
  file_name     text NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN (
                  'application/pdf', 'image/png', 'image/jpeg',
                  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
  size          integer NOT NULL CHECK (size > 0),
  sha256        char(64) NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_attachment_complaint ON complaint_attachment (complaint_no);
