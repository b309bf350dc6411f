-- Immutable import batches: every file or provider pull becomes one batch;
-- rows reference their batch and are never updated afterwards.
CREATE TABLE import_batch (
  id             bigserial PRIMARY KEY,
  source         text NOT NULL CHECK (source IN ('registrations', 'social_insurance', 'housing_fund', 'units',
                                                 'public_sector_staff', 'exam_applications', 'labor_contracts')),
  origin         text NOT NULL DEFAULT 'file' CHECK (origin IN ('file', 'http')),
  file_name      text NOT NULL,          -- file name, or the provider URL for origin = 'http'
  checksum       text NOT NULL,          -- sha256 of the file bytes (hex), or of the pulled pages
  imported_by    text NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  status         text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  rows_total     integer NOT NULL DEFAULT 0,
  rows_accepted  integer NOT NULL DEFAULT 0,
  rows_rejected  integer NOT NULL DEFAULT 0,
  rows_warned    integer NOT NULL DEFAULT 0,
  error          text
);

-- Rejections and warnings, exactly as the data contract reports them.
CREATE TABLE import_issue (
  batch_id   bigint NOT NULL REFERENCES import_batch(id),
  file       text NOT NULL,
  line       integer NOT NULL,           -- as a spreadsheet user counts: header = 1
  col        text NOT NULL,
  value      text NOT NULL,
  reason     text NOT NULL,
  severity   text NOT NULL CHECK (severity IN ('rejected', 'warning'))
);
CREATE INDEX import_issue_batch ON import_issue (batch_id, line);

-- Accepted rows, normalised: id_number is always the 18-character form, unit names
-- carry their normalised form (domain/unitMatching normaliseUnitName) for set-based matching,
-- periods are the first day of their month. A unit code that failed its check is stored as NULL.
CREATE TABLE registration (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  id_number      char(18) NOT NULL,
  name           text NOT NULL,
  cert_category  text NOT NULL,
  cert_number    text NOT NULL,
  unit_name      text NOT NULL,
  unit_name_norm text NOT NULL,
  unit_code      char(18),
  city_code      char(4) NOT NULL,
  registered_on  date,
  status         text NOT NULL CHECK (status IN ('valid', 'revoked', 'cancelled'))
);

CREATE TABLE social_insurance (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  id_number      char(18) NOT NULL,
  name           text,
  unit_name      text,
  unit_name_norm text,
  unit_code      char(18),
  region_code    char(6),
  period         date NOT NULL,
  insured_status text NOT NULL CHECK (insured_status IN ('employed', 'retired', 'flexible'))
);

CREATE TABLE housing_fund (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  id_number      char(18) NOT NULL,
  unit_name      text NOT NULL,
  unit_name_norm text NOT NULL,
  unit_code      char(18),
  period         date NOT NULL
);

CREATE TABLE unit (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  unit_code      char(18) NOT NULL,
  unit_name      text NOT NULL,
  unit_name_norm text NOT NULL,
  unit_kind      text NOT NULL CHECK (unit_kind IN ('enterprise', 'government', 'public_institution', 'hr_agency')),
  branch_of      char(18),
  parent_code    char(18)
);

CREATE TABLE public_sector_staff (
  batch_id           bigint NOT NULL REFERENCES import_batch(id),
  line               integer NOT NULL,
  id_number          char(18) NOT NULL,
  employer_name      text NOT NULL,
  employer_name_norm text NOT NULL,
  employer_code      char(18)
);

CREATE TABLE exam_application (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  id_number      char(18) NOT NULL,
  exam_year      integer NOT NULL,
  cert_category  text NOT NULL,
  unit_name      text NOT NULL,
  unit_name_norm text NOT NULL,
  unit_code      char(18)
);

CREATE TABLE labor_contract (
  batch_id       bigint NOT NULL REFERENCES import_batch(id),
  line           integer NOT NULL,
  id_number      char(18) NOT NULL,
  unit_name      text NOT NULL,
  unit_name_norm text NOT NULL,
  unit_code      char(18),
  start_date     date NOT NULL,
  end_date       date
);

-- A snapshot is the set of batches one screening reads (one batch per source, or several
-- when a source arrives in parts, e.g. one housing-fund file per city).
CREATE TABLE data_snapshot (
  id          bigserial PRIMARY KEY,
  label       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE data_snapshot_batch (
  snapshot_id bigint NOT NULL REFERENCES data_snapshot(id),
  batch_id    bigint NOT NULL REFERENCES import_batch(id),
  PRIMARY KEY (snapshot_id, batch_id)
);
