-- Screening (DATA-CONTRACT "Screening semantics"): one run per snapshot (and optionally one city),
-- one result row per flagged person. Persons without a flag are counted in the run, not stored.
CREATE TABLE screening_run (
  id               bigserial PRIMARY KEY,
  snapshot_id      bigint NOT NULL REFERENCES data_snapshot(id),
  city_code        char(4),                 -- NULL: every city of the snapshot
  as_of            date NOT NULL,           -- first day of the as_of month
  window_months    integer NOT NULL CHECK (window_months >= 1),
  age_limit        integer NOT NULL,
  risk_weights     jsonb NOT NULL,          -- the full weight table used (defaults merged with the campaign's)
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  persons_screened integer,
  persons_flagged  integer
);
CREATE INDEX screening_run_snapshot ON screening_run (snapshot_id);

CREATE TABLE screening_result (
  run_id             bigint NOT NULL REFERENCES screening_run(id),
  id_number          char(18) NOT NULL,
  name               text NOT NULL,
  city_code          char(4) NOT NULL,
  -- The four registration lists are parallel, one element per valid registration in
  -- registration order; a registration without a unit code has '' in reg_unit_codes.
  cert_categories    text[] NOT NULL,
  cert_numbers       text[] NOT NULL,
  reg_unit_names     text[] NOT NULL,
  reg_unit_codes     text[] NOT NULL,
  reasons            text[] NOT NULL,         -- flag codes, sorted (C collation)
  risk_score         integer NOT NULL,
  -- Units named at P (social insurance) and Q (housing fund), ';'-joined when several.
  ss_unit_name       text,
  ss_unit_code       text,
  ss_region_code     text,
  ss_latest_period   text,                    -- P as 'YYYY-MM'
  fund_unit_name     text,
  fund_unit_code     text,
  fund_latest_period text,                    -- Q as 'YYYY-MM'
  evidence           jsonb NOT NULL,
  PRIMARY KEY (run_id, id_number)
);
-- Worklists read one city's results of one run, highest risk first.
CREATE INDEX screening_result_city ON screening_result (run_id, city_code, risk_score DESC);

-- Import tables are append-only, so rows of one batch sit in consecutive blocks: a BRIN index on
-- batch_id lets a screening read only its snapshot's blocks when the database holds many imports,
-- at almost no cost to COPY (a B-tree on millions of rows would slow every import).
CREATE INDEX registration_batch_brin ON registration USING brin (batch_id);
CREATE INDEX social_insurance_batch_brin ON social_insurance USING brin (batch_id);
CREATE INDEX housing_fund_batch_brin ON housing_fund USING brin (batch_id);
CREATE INDEX unit_batch_brin ON unit USING brin (batch_id);
CREATE INDEX public_sector_staff_batch_brin ON public_sector_staff USING brin (batch_id);
