-- Issue 21 items 3 and 4: the self-check list at launch, fresh data during the campaign and re-screening.
--
-- campaign_snapshot: the data snapshots a campaign has screened against, in order. The launch's
-- snapshot is campaign.snapshot_id; every later import that forms a new snapshot (social insurance,
-- housing fund, registrations arriving during the campaign) adds a row. The latest row is what the
-- next re-screening reads.
CREATE TABLE campaign_snapshot (
  campaign_id  text NOT NULL REFERENCES campaign(id),
  snapshot_id  bigint NOT NULL REFERENCES data_snapshot(id),
  added_by     text NOT NULL,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, snapshot_id)
);

-- One re-screening of one city: the run it compared against (from_run_id) and the run it produced
-- (to_run_id), whether it was computed as a diff (only the persons whose input rows changed) or
-- from scratch (settings, as_of or the units files changed), and the counts of its changes.
CREATE TABLE rescreen_run (
  id               bigserial PRIMARY KEY,
  request_key      text NOT NULL UNIQUE,        -- idempotency: the workflow's key for this re-screening
  campaign_id      text NOT NULL REFERENCES campaign(id),
  city_code        char(4) NOT NULL,
  trigger          text NOT NULL CHECK (trigger IN ('new_snapshot', 'investigation_start', 'monthly')),
  from_run_id      bigint NOT NULL REFERENCES screening_run(id),
  to_run_id        bigint NOT NULL REFERENCES screening_run(id),
  from_snapshot_id bigint NOT NULL REFERENCES data_snapshot(id),
  to_snapshot_id   bigint NOT NULL REFERENCES data_snapshot(id),
  mode             text NOT NULL CHECK (mode IN ('diff', 'full', 'unchanged')),
  persons_touched  integer NOT NULL,            -- persons whose input rows changed (diff mode)
  newly_flagged    integer NOT NULL,
  no_longer_flagged integer NOT NULL,
  reasons_changed  integer NOT NULL,
  at               timestamptz NOT NULL
);
CREATE INDEX rescreen_run_city ON rescreen_run (campaign_id, city_code, id);

-- What changed for one person between the two runs.
CREATE TABLE rescreen_change (
  rescreen_id    bigint NOT NULL REFERENCES rescreen_run(id),
  id_number      char(18) NOT NULL,
  change         text NOT NULL CHECK (change IN ('newly_flagged', 'no_longer_flagged', 'reasons_changed')),
  reasons_before text[] NOT NULL,
  reasons_after  text[] NOT NULL,
  case_id        text REFERENCES case_file(case_id),   -- the person's case in the campaign, if any
  PRIMARY KEY (rescreen_id, id_number)
);
