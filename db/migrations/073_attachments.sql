-- Issue 20 (item 5): one attachment store for every evidence file (cases, complaints, supervision
-- tasks, on-site checks, penalty procedures). The metadata is here; the bytes are in the backend the
-- row names (attachment_content below by default, a directory, or an S3-compatible bucket), under
-- their SHA-256, so a file attached twice is kept once.

CREATE TABLE attachment (
  id            uuid PRIMARY KEY,
  owner_kind    text NOT NULL CHECK (owner_kind IN ('case', 'complaint', 'supervision_task', 'onsite_check', 'procedure')),
  owner_id      text NOT NULL,
  file_name     text NOT NULL,
  -- The type the bytes show (domain/attachmentContent.ts), never the one the uploader claimed.
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size >= 0),
  sha256        char(64) NOT NULL,
  backend       text NOT NULL CHECK (backend IN ('postgres', 'filesystem', 's3')),
  storage_key   text NOT NULL,
  added_by      text NOT NULL,
  added_at      timestamptz NOT NULL DEFAULT now(),
  -- The table a row was copied from by this migration (its id kept: procedure events and services name it).
  copied_from   text CHECK (copied_from IN ('procedure_attachment', 'task_attachment'))
);
CREATE INDEX attachment_owner ON attachment (owner_kind, owner_id, added_at);
-- Idempotent writes: the same bytes attached to the same owner are one attachment. Copied rows may
-- repeat a file (the old tables allowed it); their ids all stay valid.
CREATE UNIQUE INDEX attachment_owner_sha256 ON attachment (owner_kind, owner_id, sha256) WHERE copied_from IS NULL;

CREATE TABLE attachment_content (
  storage_key text PRIMARY KEY,
  content     bytea NOT NULL
);

-- The procedure's and the tasks' attachments, copied with their ids; the old tables stay as they were
-- (nothing writes to them any more).
INSERT INTO attachment_content (storage_key, content)
  SELECT DISTINCT ON (sha256) sha256, bytes FROM procedure_attachment ORDER BY sha256
  ON CONFLICT (storage_key) DO NOTHING;
INSERT INTO attachment_content (storage_key, content)
  SELECT DISTINCT ON (sha256) sha256, content FROM task_attachment ORDER BY sha256
  ON CONFLICT (storage_key) DO NOTHING;

INSERT INTO attachment (id, owner_kind, owner_id, file_name, content_type, size, sha256, backend, storage_key, added_by, added_at, copied_from)
  SELECT attachment_id, 'procedure', procedure_id, file_name, content_type, size, sha256, 'postgres', sha256, uploaded_by, uploaded_at, 'procedure_attachment'
  FROM procedure_attachment;
INSERT INTO attachment (id, owner_kind, owner_id, file_name, content_type, size, sha256, backend, storage_key, added_by, added_at, copied_from)
  SELECT id,
         CASE WHEN supervision_task_id IS NOT NULL THEN 'supervision_task' ELSE 'onsite_check' END,
         coalesce(supervision_task_id, onsite_check_task_id)::text,
         file_name, content_type, size, sha256, 'postgres', sha256, uploaded_by, uploaded_at, 'task_attachment'
  FROM task_attachment;

COMMENT ON TABLE procedure_attachment IS 'Frozen by migration 073: its rows are copied, with their ids, into attachment.';
COMMENT ON TABLE task_attachment IS 'Frozen by migration 073: its rows are copied, with their ids, into attachment.';
