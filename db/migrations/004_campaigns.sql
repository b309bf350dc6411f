-- Campaign read model: what the campaign and city workflows record through idempotent activities,
-- for dashboards, worklists and reports. Workflows hold ids and counts only; personal data
-- (declarations, deregistration requests) is written here by the services layer, never carried
-- in a workflow payload. Every writer upserts by a business key, so a retried activity is a no-op.

CREATE TABLE campaign (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name          text NOT NULL,
  config        jsonb NOT NULL,            -- the validated CampaignConfig
  calendar      jsonb NOT NULL,            -- its calendar, duplicated for easy SQL
  snapshot_id   bigint REFERENCES data_snapshot(id),
  workflow_id   text NOT NULL UNIQUE,      -- campaign/<id>
  launched_at   timestamptz NOT NULL DEFAULT now(),
  launched_by   text NOT NULL,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
  phase         text NOT NULL DEFAULT 'launched'
                CHECK (phase IN ('launched', 'selfCheck', 'investigation', 'provincialVerification', 'completed')),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE city_progress (
  campaign_id        text NOT NULL REFERENCES campaign(id),
  city_code          char(4) NOT NULL,
  phase              text NOT NULL DEFAULT 'selfCheck',
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed')),
  screening_run_id   bigint,                  -- screening_run.id (no FK: screening runs may be pruned)
  persons_screened   integer,
  persons_flagged    integer,
  cases_opened       integer NOT NULL DEFAULT 0,
  cases_closed       integer NOT NULL DEFAULT 0,
  cases_carried_over integer NOT NULL DEFAULT 0,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, city_code)
);

-- A city's report (汇总表) to the province. Each resubmission after a return is a new version.
CREATE TABLE submission (
  campaign_id   text NOT NULL REFERENCES campaign(id),
  city_code     char(4) NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('self_check', 'investigation')),
  version       integer NOT NULL CHECK (version >= 1),
  submitted_at  timestamptz NOT NULL,
  submitted_by  text NOT NULL,
  late          boolean NOT NULL,
  status        text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
  summary       text,                     -- the city's own words (work report)
  figures       jsonb NOT NULL DEFAULT '{}',  -- counts from the read model at submission time
  carried_over  jsonb NOT NULL DEFAULT '[]',  -- [{caseId, reason}] open cases carried over
  comments      text,                     -- the reviewer's comments
  reviewed_at   timestamptz,
  reviewed_by   text,
  PRIMARY KEY (campaign_id, city_code, kind, version)
);

-- Phase 1: a person or unit declares its own correction (自查自纠). Written by the services layer.
CREATE TABLE self_check_declaration (
  id            bigserial PRIMARY KEY,
  request_id    text NOT NULL UNIQUE,     -- the caller's idempotency key
  campaign_id   text NOT NULL REFERENCES campaign(id),
  city_code     char(4) NOT NULL,
  id_number     char(18),
  unit_name     text,
  unit_code     char(18),
  correction    text NOT NULL CHECK (correction IN ('moved_contributions', 'moved_registration', 'deregistration_applied')),
  corrected_on  date NOT NULL,
  declared_by   text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  note          text
);
CREATE INDEX self_check_declaration_city ON self_check_declaration (campaign_id, city_code);

-- Fast-track deregistration (申请注销) with a time limit in working days.
CREATE TABLE deregistration_request (
  id            bigserial PRIMARY KEY,
  request_id    text NOT NULL UNIQUE,
  campaign_id   text NOT NULL REFERENCES campaign(id),
  city_code     char(4) NOT NULL,
  id_number     char(18) NOT NULL,
  cert_number   text,
  requested_by  text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  received_on   date NOT NULL,
  sla_due       date NOT NULL,            -- last working day allowed
  sla_due_at    timestamptz NOT NULL,     -- the instant the time limit is exceeded
  processed_at  timestamptz,
  processed_by  text,
  outcome       text CHECK (outcome IN ('cancelled', 'refused')),
  sla_alerted_at timestamptz
);
CREATE INDEX deregistration_request_pending ON deregistration_request (campaign_id, city_code, sla_due_at)
  WHERE processed_at IS NULL;

-- Every deadline the campaign watches; key: '<phase>' or '<phase>/<city>'.
CREATE TABLE deadline (
  campaign_id      text NOT NULL REFERENCES campaign(id),
  deadline_key     text NOT NULL,
  phase            text NOT NULL,
  city_code        char(4),
  due_date         date NOT NULL,
  due_at           timestamptz NOT NULL,
  extended_from    date,
  extension_reason text,
  extended_by      text,
  extended_at      timestamptz,
  met_at           timestamptz,
  PRIMARY KEY (campaign_id, deadline_key)
);

CREATE TABLE deadline_extension (
  request_id    text PRIMARY KEY,          -- the update id
  campaign_id   text NOT NULL REFERENCES campaign(id),
  deadline_key  text NOT NULL,
  from_date     date NOT NULL,
  to_date       date NOT NULL,
  reason        text NOT NULL,
  extended_by   text NOT NULL,
  extended_at   timestamptz NOT NULL
);

-- Alerts for supervisors. One row per alert key; a repeat bumps repeat_count (by occurrence,
-- so a retried activity never counts twice). Delivery through the notification port is tracked
-- beside it, so a failing endpoint is visible and never blocks a workflow.
CREATE TABLE alert (
  alert_key          text PRIMARY KEY,
  level              text NOT NULL CHECK (level IN ('info', 'warning', 'critical')),
  kind               text NOT NULL,
  campaign_id        text NOT NULL,
  city_code          char(4),
  phase              text,
  case_id            text,
  message            text NOT NULL,
  raised_at          timestamptz NOT NULL,
  last_raised_at     timestamptz NOT NULL,
  repeat_count       integer NOT NULL DEFAULT 1,
  resolved_at        timestamptz,
  acknowledged_at    timestamptz,
  acknowledged_by    text,
  delivery_status    text NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'delivered', 'failed', 'skipped')),
  delivered_count    integer NOT NULL DEFAULT 0,  -- occurrences delivered so far
  delivery_attempts  integer NOT NULL DEFAULT 0,
  delivery_last_error text,
  delivered_at       timestamptz
);
CREATE INDEX alert_open ON alert (campaign_id, city_code) WHERE resolved_at IS NULL;

-- On-site supervision (现场调研督办) of a lagging city after the progress notice.
CREATE TABLE supervision_task (
  id           bigserial PRIMARY KEY,
  campaign_id  text NOT NULL REFERENCES campaign(id),
  city_code    char(4) NOT NULL,
  source       text NOT NULL,              -- e.g. 'progress_notice'
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  done_at      timestamptz,
  UNIQUE (campaign_id, city_code, source)
);

-- The early-November notice (通报) of each city's self-check progress.
CREATE TABLE progress_notice (
  campaign_id  text PRIMARY KEY REFERENCES campaign(id),
  produced_at  timestamptz NOT NULL,
  content      jsonb NOT NULL
);

-- The province's final report to the ministries; issue 5 renders it as .xlsx/.docx.
CREATE TABLE final_report (
  campaign_id  text PRIMARY KEY REFERENCES campaign(id),
  produced_at  timestamptz NOT NULL,
  late         boolean NOT NULL,
  content      jsonb NOT NULL
);

-- The campaign's timeline, one row per event, keyed so a retried activity records it once.
CREATE TABLE campaign_event (
  event_key    text PRIMARY KEY,
  campaign_id  text NOT NULL REFERENCES campaign(id),
  city_code    char(4),
  phase        text,
  kind         text NOT NULL,
  at           timestamptz NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX campaign_event_timeline ON campaign_event (campaign_id, at);
