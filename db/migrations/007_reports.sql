-- Reports (汇总表 .xlsx, 工作报告 and 通报 .docx): every file produced is kept, with its metadata,
-- so what a city or the province sent can be shown again byte for byte. Regenerating makes a new
-- version; a masked variant (ID numbers as 220102********1234) is a row of its own beside the full
-- file it was rendered from.
CREATE TABLE report (
  report_id        bigserial PRIMARY KEY,
  campaign_id      text NOT NULL REFERENCES campaign(id),
  city_code        char(4),                  -- NULL: the province's own report
  kind             text NOT NULL CHECK (kind IN ('self_check_table', 'investigation_table', 'province_table',
                                                 'city_work_report', 'province_work_report', 'progress_notice')),
  phase            text NOT NULL CHECK (phase IN ('selfCheck', 'progressNotice', 'investigation', 'provincialVerification')),
  version          integer NOT NULL CHECK (version >= 1),
  format           text NOT NULL CHECK (format IN ('xlsx', 'docx')),
  file_name        text NOT NULL,            -- e.g. 长春市-排查汇总表-v2.xlsx
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  -- The caller's idempotency key (a workflow id + step, or the API's Idempotency-Key): a retried
  -- produceReport returns the version it made instead of making another.
  request_id       text UNIQUE,
  as_of_date       date NOT NULL,            -- the campaign calendar's date the figures stand for
  checksum         text NOT NULL,            -- sha256 of content, hex
  byte_size        integer NOT NULL,
  content          bytea NOT NULL,
  masked           boolean NOT NULL DEFAULT false,
  -- Whether the file shows full ID numbers (only the detail sheet of a summary table does).
  has_id_numbers   boolean NOT NULL,
  masked_from      bigint REFERENCES report(report_id),
  -- The figures the file shows (counts, units, dates; never personal data): the API shows them
  -- without opening the file, and a masked variant is rendered with exactly these.
  figures          jsonb NOT NULL,
  layout           jsonb NOT NULL DEFAULT '{}',   -- title lines and dates as printed
  CHECK ((masked_from IS NULL) = (NOT masked))
);
-- One file per (campaign, city or province, kind, version, full or masked). COALESCE: a NULL city
-- (the province) would otherwise never collide with itself.
CREATE UNIQUE INDEX report_version ON report (campaign_id, coalesce(city_code, ''), kind, version, masked);
CREATE INDEX report_listing ON report (campaign_id, city_code, kind, version DESC);
