-- Document numbers (issue 19): gap-free and never reused, per issuing authority, kind and year
-- (长建罚告〔2026〕第0001号). The counter row is locked while a number is taken, in the same
-- transaction that records it, so concurrent allocations neither collide nor skip; a caller's key
-- gets its first number again (an activity retried takes no second number).

-- Who issues documents, and the abbreviation its numbers start with. The abbreviations are defaults
-- the province confirms or edits (docs/documents.md).
CREATE TABLE issuing_authority (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  abbreviation text NOT NULL,
  city_code    text,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO issuing_authority (code, name, abbreviation, city_code, updated_by) VALUES
  ('22',   '吉林省住房和城乡建设厅',             '吉建',   NULL,   'system'),
  ('2201', '长春市住房和城乡建设局',             '长建',   '2201', 'system'),
  ('2202', '吉林市住房和城乡建设局',             '吉市建', '2202', 'system'),
  ('2203', '四平市住房和城乡建设局',             '四建',   '2203', 'system'),
  ('2204', '辽源市住房和城乡建设局',             '辽建',   '2204', 'system'),
  ('2205', '通化市住房和城乡建设局',             '通建',   '2205', 'system'),
  ('2206', '白山市住房和城乡建设局',             '白山建', '2206', 'system'),
  ('2207', '松原市住房和城乡建设局',             '松建',   '2207', 'system'),
  ('2208', '白城市住房和城乡建设局',             '白城建', '2208', 'system'),
  ('2224', '延边朝鲜族自治州住房和城乡建设局',   '延建',   '2224', 'system');

CREATE TABLE document_number_counter (
  authority_code text NOT NULL REFERENCES issuing_authority (code),
  kind           text NOT NULL,
  year           integer NOT NULL,
  last_seq       integer NOT NULL CHECK (last_seq >= 0),
  PRIMARY KEY (authority_code, kind, year)
);

-- Every number ever taken; never updated or deleted (platform/databaseRoles.ts).
CREATE TABLE document_number (
  authority_code  text NOT NULL,
  kind            text NOT NULL,
  year            integer NOT NULL,
  seq             integer NOT NULL CHECK (seq >= 1),
  number          text NOT NULL UNIQUE,
  idempotency_key text NOT NULL UNIQUE,
  subject_ref     text,
  allocated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority_code, kind, year, seq),
  FOREIGN KEY (authority_code, kind, year) REFERENCES document_number_counter (authority_code, kind, year)
);
