-- Issue 20 item 6 (transfers): a TRANSFERRED decision names either a receiving city, where a case
-- opens for the same person (its evidence copied, the sender's note kept, linked both ways), or an
-- outside authority (人社, 公安, 市场监管, another province...: a list the province edits), to which
-- a referral letter (移送函) is generated, served and answered. Decisions recorded before name the
-- receiving authority in free text only and have no row here.

-- A case opened by a transfer is the same person's second case in the campaign: one case per person
-- still holds for the cases screening and complaints open.
ALTER TABLE case_file DROP CONSTRAINT case_file_origin_check;
ALTER TABLE case_file ADD CONSTRAINT case_file_origin_check CHECK (origin IN ('screening', 'complaint', 'transfer'));
ALTER TABLE case_file ADD COLUMN transferred_from text REFERENCES case_file(case_id);
ALTER TABLE case_file ADD CONSTRAINT case_file_transfer_origin CHECK ((origin = 'transfer') = (transferred_from IS NOT NULL));
ALTER TABLE case_file DROP CONSTRAINT case_file_campaign_id_id_number_key;
CREATE UNIQUE INDEX case_file_person_once ON case_file (campaign_id, id_number) WHERE transferred_from IS NULL;
CREATE UNIQUE INDEX case_file_transferred_once ON case_file (transferred_from) WHERE transferred_from IS NOT NULL;
CREATE INDEX case_file_person ON case_file (campaign_id, id_number);

-- Outside authorities a case may be referred to. Defaults the province edits (codes are stable ids,
-- names what the letter is addressed to); an authority no longer offered is deactivated, never
-- deleted, so past referrals keep their name.
CREATE TABLE outside_authority (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  active      boolean NOT NULL DEFAULT true,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO outside_authority (code, name, updated_by) VALUES
  ('hrss',       '人力资源和社会保障部门',         'system'),
  ('police',     '公安机关',                       'system'),
  ('market',     '市场监督管理部门',               'system'),
  ('personnel',  '组织人事部门',                   'system'),
  ('province',   '外省住房和城乡建设主管部门',     'system');

-- One transfer per transferring case (its decision; a later decision of a reopened case keeps the
-- first transfer's row, which says so by its decision_update_id).
CREATE TABLE case_transfer (
  from_case_id        text PRIMARY KEY REFERENCES case_file(case_id),
  campaign_id         text NOT NULL,
  from_city           char(4) NOT NULL,
  decision_update_id  text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('city', 'authority')),
  to_city             char(4),
  to_case_id          text REFERENCES case_file(case_id),
  authority_code      text REFERENCES outside_authority(code),
  authority_name      text,                 -- as it was named when the case was referred
  note                text,                 -- the sender's note (officer's text)
  transferred_by      text NOT NULL,
  transferred_at      timestamptz NOT NULL,
  -- The referral letter (kind 'authority'): the generated document, its number.
  letter_document_id  uuid REFERENCES generated_document(id),
  letter_number       text,
  -- Its service: how, on which date, by whom.
  served_on           date,
  service_method      text,
  served_by           text,
  served_at           timestamptz,
  -- The authority's answer when it comes.
  answered_on         date,
  answer              text,
  answered_by         text,
  answered_at         timestamptz,
  CHECK ((kind = 'city') = (to_city IS NOT NULL)),
  CHECK ((kind = 'authority') = (authority_code IS NOT NULL)),
  CHECK (to_case_id IS NULL OR kind = 'city'),
  CHECK (served_on IS NULL OR letter_document_id IS NOT NULL),
  CHECK (answered_on IS NULL OR served_on IS NOT NULL)
);
CREATE INDEX case_transfer_to_case ON case_transfer (to_case_id) WHERE to_case_id IS NOT NULL;
CREATE INDEX case_transfer_city ON case_transfer (campaign_id, from_city);
