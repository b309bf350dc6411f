-- Resumable pulls from HTTP providers. A pull commits page by page; this row
-- records how far it got, so a pull interrupted mid-way resumes from the last
-- committed page (same batch, no duplicated rows) when started again with the
-- same resume key.
CREATE TABLE provider_pull (
  resume_key    text PRIMARY KEY,
  source        text NOT NULL,
  base_url      text NOT NULL,          -- without query string or credentials
  batch_id      bigint NOT NULL REFERENCES import_batch(id),
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed')),
  next_cursor   text,                   -- cursor of the next page to fetch; NULL for the first page
  paging_done   boolean NOT NULL DEFAULT false,  -- the last page is committed; only finishing remains
  pages         integer NOT NULL DEFAULT 0,
  rows_total    integer NOT NULL DEFAULT 0,
  rows_accepted integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  checksum      text NOT NULL DEFAULT '',  -- sha256 chained over the pages' bodies so far
  last_error    text,
  started_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX provider_pull_batch ON provider_pull (batch_id);
