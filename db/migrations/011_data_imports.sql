-- An import the worker runs (an uploaded file, a file of a campaign's configuration, a provider
-- pull): requested by the API or a launch, carried out by the importDataFile / importProviderData
-- activities, reported by GET /imports/jobs/{importId}. Its id is the idempotency key of every
-- attempt: at most one completed import_batch belongs to it.
CREATE TABLE data_import (
  id            uuid PRIMARY KEY,
  source        text NOT NULL CHECK (source IN ('registrations', 'social_insurance', 'housing_fund', 'units',
                                                'public_sector_staff', 'exam_applications', 'labor_contracts')),
  origin        text NOT NULL CHECK (origin IN ('upload', 'file', 'http')),
  file_name     text NOT NULL,          -- the file's base name, or the provider URL
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  rows_read     bigint NOT NULL DEFAULT 0,
  bytes_read    bigint NOT NULL DEFAULT 0,
  total_bytes   bigint,
  batch_id      bigint REFERENCES import_batch (id),
  error         text,                   -- Chinese, names the file and column, never a cell's content
  finished_at   timestamptz
);
CREATE INDEX data_import_requested ON data_import (requested_at DESC);

-- An upload's bytes, held in the database (not on the API's disk) so that a worker on any host can
-- read them and an API crash cannot leave a request without its file; removed once the import ends.
CREATE TABLE data_import_upload (
  import_id  uuid NOT NULL REFERENCES data_import (id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  bytes      bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);

ALTER TABLE import_batch ADD COLUMN import_id uuid REFERENCES data_import (id);
-- A retried attempt that races a slow earlier one cannot publish the same import twice.
CREATE UNIQUE INDEX import_batch_one_completed_per_import ON import_batch (import_id) WHERE status = 'completed';
