-- Issue 19 item 6 (publication): bad-conduct records and registration bars published on the
-- 吉林省建筑市场监管公共服务平台 (a feed the platform pulls) and on the console's public page
-- (docs/publication.md). A publication is a snapshot taken when the penalty row is recorded (under
-- the due-process procedure: when its decision is served); a withdrawal never deletes it.

-- How long a bad-conduct record stays published. The rules give a range (建筑市场诚信行为信息管理办法
-- 建市〔2007〕9号: 一般为6个月至3年; 建筑市场信用管理暂行办法: 不得低于相关行政处罚期限, the period fixed by
-- the department that found the conduct): the months are the province's data, each change a new row
-- (the latest counts for records published from then on). The seed is a documented default, not a rule.
CREATE TABLE publication_period_setting (
  id          bigserial PRIMARY KEY,
  record_kind text NOT NULL CHECK (record_kind IN ('BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT')),
  months      integer NOT NULL CHECK (months BETWEEN 1 AND 120),
  reason      text NOT NULL,
  set_by      text NOT NULL,
  set_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publication_period_setting_kind ON publication_period_setting (record_kind, id DESC);
INSERT INTO publication_period_setting (record_kind, months, reason, set_by) VALUES
  ('BAD_CONDUCT_PERSON', 36, '默认值：公布期限一般为6个月至3年，且不低于相关行政处罚期限（撤销注册后3年内不予注册），取上限3年；待省住房和城乡建设厅确认', 'system'),
  ('BAD_CONDUCT_UNIT', 36, '默认值：公布期限一般为6个月至3年，取上限3年；待省住房和城乡建设厅确认', 'system');

-- What is published: one row per publication of a penalty (a penalty withdrawn and imposed again
-- after a reopening is published again, as a new row). The person's or unit's particulars are copied
-- here so the published text stays what was published; the full ID number is kept for exact
-- matching and leaves only masked (domain/maskPersonalData.ts).
CREATE TABLE publication (
  publication_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  penalty_id       text NOT NULL,
  case_id          text NOT NULL REFERENCES case_file(case_id),
  record_kind      text NOT NULL CHECK (record_kind IN ('BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'REGISTRATION_BAN')),
  level            text NOT NULL CHECK (level IN ('city', 'province')),
  city_code        char(4) NOT NULL,
  procedure_id     text REFERENCES penalty_procedure(procedure_id), -- the decision (number, basis) under due process (060)
  imposed_on       date NOT NULL,
  person_name      text,
  id_number        char(18),
  cert_numbers     text[] NOT NULL DEFAULT '{}',
  cert_categories  text[] NOT NULL DEFAULT '{}',
  unit_name        text,
  unit_code        char(18),
  published_from   date NOT NULL,
  published_until  date NOT NULL CHECK (published_until >= published_from),
  period_setting   bigint REFERENCES publication_period_setting(id), -- null: a bar, published for its own period
  published_at     timestamptz NOT NULL DEFAULT now(),
  -- Withdrawal: when, why (reopen | override | the procedure's redress | the province's own), by whom
  -- (a user id, or the update that withdrew it), free words by reference only.
  withdrawn_at     timestamptz,
  withdrawn_reason text CHECK (withdrawn_reason IN ('reopen', 'override', 'redress', 'province')),
  withdrawn_by     text,
  withdrawn_ref    text,
  withdrawn_note   text,                                 -- the province's own withdrawal: its reason (never in the feed)
  changed_at       timestamptz NOT NULL DEFAULT now(),  -- published_at, then withdrawn_at: the feed's `since`
  CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)),
  CHECK (record_kind = 'BAD_CONDUCT_UNIT' OR id_number IS NOT NULL)
);
CREATE UNIQUE INDEX publication_current ON publication (penalty_id) WHERE withdrawn_at IS NULL;
CREATE INDEX publication_changed ON publication (changed_at, publication_id);
CREATE INDEX publication_person_name ON publication (person_name) WHERE withdrawn_at IS NULL;
CREATE INDEX publication_unit_name ON publication (unit_name) WHERE withdrawn_at IS NULL;
CREATE INDEX publication_cert_numbers ON publication USING gin (cert_numbers);
CREATE INDEX publication_case ON publication (case_id);

-- Recording a bad-conduct or ban penalty publishes it, whichever code path recorded it (the case
-- decision, a provincial imposition, the due-process procedure at service): the publication can
-- never be forgotten by a caller. Bars are published for the ban's own period (details start..end).
CREATE FUNCTION publish_penalty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind_published text;
  setting        publication_period_setting%ROWTYPE;
  c              case_file%ROWTYPE;
  from_date      date;
  until_date     date;
  who            text;
  certs          text[];
  categories     text[];
BEGIN
  kind_published := CASE NEW.kind WHEN 'REGISTRATION_BAN_3Y' THEN 'REGISTRATION_BAN' ELSE NEW.kind END;
  IF kind_published NOT IN ('BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'REGISTRATION_BAN') THEN
    RETURN NEW;
  END IF;
  SELECT * INTO c FROM case_file WHERE case_id = NEW.case_id;
  IF kind_published = 'REGISTRATION_BAN' THEN
    from_date := coalesce((NEW.details ->> 'start')::date, NEW.imposed_on);
    until_date := coalesce((NEW.details ->> 'end')::date, (NEW.imposed_on + interval '3 years' - interval '1 day')::date);
  ELSE
    SELECT * INTO setting FROM publication_period_setting WHERE record_kind = kind_published ORDER BY id DESC LIMIT 1;
    from_date := NEW.imposed_on;
    until_date := (NEW.imposed_on + make_interval(months => setting.months) - interval '1 day')::date;
  END IF;
  IF NEW.target = 'person' THEN
    -- The case's own screening row (its primary key); a case opened by a complaint has none: then the
    -- name the registrations give (registration_person index).
    SELECT s.name INTO who FROM screening_result s WHERE s.run_id = c.screening_run_id AND s.id_number = c.id_number;
    IF who IS NULL THEN
      SELECT r.name INTO who FROM registration r WHERE r.id_number = c.id_number ORDER BY r.batch_id DESC, r.line LIMIT 1;
    END IF;
    SELECT coalesce(array_agg(DISTINCT r ->> 'certNumber') FILTER (WHERE coalesce(r ->> 'certNumber', '') <> ''), '{}'),
           coalesce(array_agg(DISTINCT r ->> 'certCategory') FILTER (WHERE coalesce(r ->> 'certCategory', '') <> ''), '{}')
      INTO certs, categories
      FROM case_evidence e, jsonb_array_elements(e.payload) r
      WHERE e.case_id = NEW.case_id AND e.kind = 'registrations' AND jsonb_typeof(e.payload) = 'array'
        AND coalesce(r ->> 'status', 'valid') = 'valid';
  END IF;
  INSERT INTO publication (penalty_id, case_id, record_kind, level, city_code, procedure_id, imposed_on, person_name, id_number,
                           cert_numbers, cert_categories, unit_name, unit_code, published_from, published_until, period_setting)
  VALUES (NEW.penalty_id, NEW.case_id, kind_published, NEW.level, c.city_code, NEW.procedure_id, NEW.imposed_on,
          CASE WHEN NEW.target = 'person' THEN who END,
          CASE WHEN NEW.target = 'person' THEN c.id_number END,
          coalesce(certs, '{}'), coalesce(categories, '{}'),
          CASE WHEN NEW.target = 'unit' THEN NEW.unit_name END,
          CASE WHEN NEW.target = 'unit' THEN NEW.unit_code END,
          from_date, greatest(until_date, from_date), CASE WHEN kind_published <> 'REGISTRATION_BAN' THEN setting.id END)
  ON CONFLICT (penalty_id) WHERE withdrawn_at IS NULL DO NOTHING;
  RETURN NEW;
END $$;
CREATE TRIGGER penalty_published AFTER INSERT ON penalty FOR EACH ROW EXECUTE FUNCTION publish_penalty();

-- A penalty linked to its procedure after it was recorded: the publication follows.
CREATE FUNCTION link_publication_to_procedure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE publication SET procedure_id = NEW.procedure_id WHERE penalty_id = NEW.penalty_id AND withdrawn_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER penalty_procedure_linked AFTER UPDATE OF procedure_id ON penalty FOR EACH ROW
  WHEN (NEW.procedure_id IS DISTINCT FROM OLD.procedure_id) EXECUTE FUNCTION link_publication_to_procedure();

-- A correction (reopening, override) or a redress that revokes the decision (060) moves the penalty
-- to penalty_withdrawn: its publication is withdrawn with it, naming the update that withdrew it. Who
-- that was is in the update's decision_log or procedure_event row (written later in the same
-- transaction), so withdrawn_by stays null here and the read model reads it there.
CREATE FUNCTION withdraw_publication_of_penalty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE publication
     SET withdrawn_at = NEW.withdrawn_at, withdrawn_reason = NEW.withdrawn_because,
         withdrawn_ref = NEW.withdrawn_by_update, changed_at = now()
   WHERE penalty_id = NEW.penalty_id AND withdrawn_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER penalty_withdrawn_unpublished AFTER INSERT ON penalty_withdrawn FOR EACH ROW EXECUTE FUNCTION withdraw_publication_of_penalty();
