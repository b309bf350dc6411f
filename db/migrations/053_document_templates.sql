-- Document templates officials can edit (issue 19): each kind's .docx versions; the newest version is
-- the one in use (a replaced template is kept, never changed). The shipped defaults under templates/
-- become version 1 of a kind the first time the kind is used (documents/templateStore.ts).
CREATE TABLE document_template (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,
  version     integer NOT NULL CHECK (version >= 1),
  content     bytea NOT NULL,
  sha256      text NOT NULL,
  file_name   text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, version)
);

-- Every document generated: the template version it was filled from, its checksum and bytes. One per
-- caller's key, so a retried activity finds the document it made.
CREATE TABLE generated_document (
  id               uuid PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  kind             text NOT NULL,
  number           text,
  template_id      bigint NOT NULL REFERENCES document_template (id),
  template_version integer NOT NULL,
  sha256           text NOT NULL,
  content          bytea NOT NULL,
  subject_ref      text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX generated_document_subject ON generated_document (subject_ref);
