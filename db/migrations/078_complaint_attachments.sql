-- Issue 20 (item 5): a complaint's files join the one attachment store (migration 073). The rows of
-- complaint_attachment (migration 071) are copied, with their ids, into attachment (owner kind
-- 'complaint', owner id the complaint number) and their bytes into attachment_content under their
-- SHA-256. Numbered 078, not 072: migrations run in file-name order and 073 creates the tables.
-- The old table stays as it was; nothing writes to it any more.

ALTER TABLE attachment DROP CONSTRAINT attachment_copied_from_check;
ALTER TABLE attachment ADD CONSTRAINT attachment_copied_from_check
  CHECK (copied_from IN ('procedure_attachment', 'task_attachment', 'complaint_attachment'));

INSERT INTO attachment_content (storage_key, content)
  SELECT DISTINCT ON (sha256) sha256, content FROM complaint_attachment ORDER BY sha256
  ON CONFLICT (storage_key) DO NOTHING;

INSERT INTO attachment (id, owner_kind, owner_id, file_name, content_type, size, sha256, backend, storage_key, added_by, added_at, copied_from)
  SELECT id, 'complaint', complaint_no, file_name, content_type, size, sha256, 'postgres', sha256, uploaded_by, uploaded_at, 'complaint_attachment'
  FROM complaint_attachment
  ON CONFLICT (id) DO NOTHING;

COMMENT ON TABLE complaint_attachment IS 'Frozen by migration 078: its rows are copied, with their ids, into attachment.';
