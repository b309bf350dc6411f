-- Issue 20 (item 3): supervision tasks (现场调研督办) and on-site checks (到岗履职排查) are worked
-- tasks: an owner, a due date, findings (text and attachments), and a close with its result.
-- Everything here is written by the API in PostgreSQL; no finding or file crosses Temporal.

-- registered (created by the 通报 or the threshold) → in_progress (an owner works it) → closed.
ALTER TABLE supervision_task DROP CONSTRAINT supervision_task_status_check;
UPDATE supervision_task SET status = CASE status WHEN 'done' THEN 'closed' ELSE 'registered' END;
ALTER TABLE supervision_task ALTER COLUMN status SET DEFAULT 'registered';
ALTER TABLE supervision_task ADD CONSTRAINT supervision_task_status_check CHECK (status IN ('registered', 'in_progress', 'closed'));

ALTER TABLE onsite_check_task DROP CONSTRAINT onsite_check_task_status_check;
UPDATE onsite_check_task SET status = CASE status WHEN 'done' THEN 'closed' ELSE 'registered' END;
ALTER TABLE onsite_check_task ALTER COLUMN status SET DEFAULT 'registered';
ALTER TABLE onsite_check_task ADD CONSTRAINT onsite_check_task_status_check CHECK (status IN ('registered', 'in_progress', 'closed'));
-- The on-site check had only its unit key; the API and its attachments name it by a number.
ALTER TABLE onsite_check_task ADD COLUMN id bigserial;
ALTER TABLE onsite_check_task ADD CONSTRAINT onsite_check_task_id_key UNIQUE (id);

-- The same working columns on both. Findings and result are officers' text (no ID numbers: the
-- API refuses them, since the work reports print both); owner and closer are app_user usernames.
ALTER TABLE supervision_task
  ADD COLUMN owner               text,
  ADD COLUMN assigned_by         text,
  ADD COLUMN assigned_at         timestamptz,
  ADD COLUMN due_date            date,
  ADD COLUMN findings            text,
  ADD COLUMN findings_by         text,
  ADD COLUMN findings_at         timestamptz,
  ADD COLUMN result              text,
  ADD COLUMN closed_by           text,
  ADD COLUMN closed_at           timestamptz;
UPDATE supervision_task SET closed_at = coalesce(done_at, created_at), result = '（本系统记录办理结果之前已办结）', closed_by = 'system'
  WHERE status = 'closed' AND closed_at IS NULL;
ALTER TABLE supervision_task
  ADD CONSTRAINT supervision_task_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL AND result IS NOT NULL)),
  ADD CONSTRAINT supervision_task_owned CHECK (status = 'registered' OR owner IS NOT NULL);

ALTER TABLE onsite_check_task
  ADD COLUMN owner               text,
  ADD COLUMN assigned_by         text,
  ADD COLUMN assigned_at         timestamptz,
  ADD COLUMN due_date            date,
  ADD COLUMN findings            text,
  ADD COLUMN findings_by         text,
  ADD COLUMN findings_at         timestamptz,
  ADD COLUMN result              text,
  ADD COLUMN closed_by           text,
  ADD COLUMN closed_at           timestamptz;
UPDATE onsite_check_task SET closed_at = created_at, result = '（本系统记录办理结果之前已办结）', closed_by = 'system'
  WHERE status = 'closed' AND closed_at IS NULL;
ALTER TABLE onsite_check_task
  ADD CONSTRAINT onsite_check_task_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL AND result IS NOT NULL)),
  ADD CONSTRAINT onsite_check_task_owned CHECK (status = 'registered' OR owner IS NOT NULL);

CREATE INDEX onsite_check_task_city ON onsite_check_task (campaign_id, city_code, status);

-- The findings' files: the content type is the one the bytes show (PDF, PNG, JPEG, DOCX, XLSX),
-- never the one the uploader claimed; the checksum proves the file unchanged.
CREATE TABLE task_attachment (
  id                    uuid PRIMARY KEY,
  supervision_task_id   bigint REFERENCES supervision_task(id),
  onsite_check_task_id  bigint REFERENCES onsite_check_task(id),
  file_name             text NOT NULL,
  content_type          text NOT NULL CHECK (content_type IN (
                          'application/pdf', 'image/png', 'image/jpeg',
                          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
  size                  integer NOT NULL CHECK (size > 0),
  sha256                char(64) NOT NULL,
  content               bytea NOT NULL,
  uploaded_by           text NOT NULL,
  uploaded_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((supervision_task_id IS NULL) <> (onsite_check_task_id IS NULL))
);
CREATE INDEX task_attachment_supervision ON task_attachment (supervision_task_id) WHERE supervision_task_id IS NOT NULL;
CREATE INDEX task_attachment_onsite ON task_attachment (onsite_check_task_id) WHERE onsite_check_task_id IS NOT NULL;
