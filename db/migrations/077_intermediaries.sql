-- Issue 21 item 2: intermediaries (中介服务机构: HR service agencies, brokers, training firms that place
-- certificates). The seed: 对违规的中介服务机构依法严肃查处，责令限期整改，情节严重的，依法给予行政处罚.
-- docs/intermediaries.md.
--
-- A registry per campaign and city; links to cases by evidence (the agency paid the person's
-- contributions: screening's payers) or named by an officer (arranged the hanging, with the reason);
-- rectification orders (责令限期整改) with a deadline, findings and a result; escalation of an order to
-- an administrative penalty when 情节严重, on a basis that is data (intermediary_basis_version).

CREATE TABLE intermediary (
  id              bigserial PRIMARY KEY,
  campaign_id     text NOT NULL,                -- as case_file: cases open before the campaign row in some paths
  city_code       char(4) NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  uscc            char(18),
  kind            text NOT NULL CHECK (kind IN ('hr_agency', 'broker', 'training', 'other')),
  address         text CHECK (address IS NULL OR length(address) <= 300),
  licence_number  text CHECK (licence_number IS NULL OR length(licence_number) <= 100), -- 人力资源服务许可证编号
  source          text NOT NULL CHECK (source IN ('officer', 'evidence')),
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- One row per credit code in a city's registry (an agency found in the evidence twice is one row).
CREATE UNIQUE INDEX intermediary_uscc ON intermediary (campaign_id, city_code, uscc) WHERE uscc IS NOT NULL;
-- Without a code, one row per name (the evidence names an agency without its code).
CREATE UNIQUE INDEX intermediary_name ON intermediary (campaign_id, city_code, name) WHERE uscc IS NULL;
CREATE INDEX intermediary_city ON intermediary (campaign_id, city_code);

CREATE TABLE intermediary_case (
  intermediary_id bigint NOT NULL REFERENCES intermediary(id),
  case_id         text NOT NULL REFERENCES case_file(case_id),
  basis           text NOT NULL CHECK (basis IN ('paid_contributions', 'named_by_officer')),
  reason          text CHECK (reason IS NULL OR length(reason) <= 2000), -- the officer's reason (named_by_officer)
  linked_by       text NOT NULL,
  linked_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (intermediary_id, case_id, basis),
  CHECK (basis = 'paid_contributions' OR reason IS NOT NULL)
);
CREATE INDEX intermediary_case_case ON intermediary_case (case_id);

-- An agency found in a case's evidence (it paid the person's contributions): its registry row (by its
-- credit code, else by its name; created when missing, source 'evidence') and the case's link.
-- Idempotent. Called by the case opening (activities) and the officer's scan (services) alike.
CREATE FUNCTION intermediary_record_evidence(p_campaign text, p_city char(4), p_case text, p_name text, p_code char(18), p_by text)
RETURNS TABLE (created boolean, linked boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_links integer;
BEGIN
  -- Serialised per city with the officers' writes of the registry (services/intermediaries.ts).
  PERFORM pg_advisory_xact_lock(hashtext('intermediary/' || p_campaign || '/' || p_city));
  created := false;
  IF p_code IS NOT NULL THEN
    SELECT id INTO v_id FROM intermediary WHERE campaign_id = p_campaign AND city_code = p_city AND uscc = p_code;
  ELSE
    SELECT id INTO v_id FROM intermediary WHERE campaign_id = p_campaign AND city_code = p_city AND uscc IS NULL AND name = p_name;
  END IF;
  IF v_id IS NULL THEN
    INSERT INTO intermediary (campaign_id, city_code, name, uscc, kind, source, created_by)
    VALUES (p_campaign, p_city, p_name, p_code, 'hr_agency', 'evidence', p_by) RETURNING id INTO v_id;
    created := true;
  END IF;
  INSERT INTO intermediary_case (intermediary_id, case_id, basis, linked_by) VALUES (v_id, p_case, 'paid_contributions', p_by) ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS v_links = ROW_COUNT;
  linked := v_links > 0;
  RETURN NEXT;
END;
$$;

CREATE TABLE intermediary_order (
  id               bigserial PRIMARY KEY,
  intermediary_id  bigint NOT NULL REFERENCES intermediary(id),
  issued_on        date NOT NULL,
  deadline         date NOT NULL CHECK (deadline >= issued_on),
  requirements     text NOT NULL CHECK (length(requirements) BETWEEN 1 AND 2000),
  issued_by        text NOT NULL,
  issued_at        timestamptz NOT NULL DEFAULT now(),
  -- open → rectified | not_rectified; open or not_rectified → escalated (情节严重).
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectified', 'not_rectified', 'escalated')),
  result_on        date,
  result_note      text CHECK (result_note IS NULL OR length(result_note) <= 2000),
  result_by        text,
  escalated_on     date,
  escalation_reason text CHECK (escalation_reason IS NULL OR length(escalation_reason) <= 2000),
  escalation_basis bigint,  -- intermediary_basis_version.id
  escalated_by     text,
  request_key      text UNIQUE  -- the Idempotency-Key of the request that issued it
);
CREATE INDEX intermediary_order_of ON intermediary_order (intermediary_id);
-- At most one open order per intermediary at a time.
CREATE UNIQUE INDEX intermediary_order_one_open ON intermediary_order (intermediary_id) WHERE status = 'open';

CREATE TABLE intermediary_order_finding (
  id          bigserial PRIMARY KEY,
  order_id    bigint NOT NULL REFERENCES intermediary_order(id),
  found_on    date NOT NULL,
  finding     text NOT NULL CHECK (length(finding) BETWEEN 1 AND 2000),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intermediary_order_finding_of ON intermediary_order_finding (order_id, id);

-- The province's settings: how many days before an order's deadline the reminder is raised.
CREATE TABLE intermediary_setting (
  id                          boolean PRIMARY KEY DEFAULT true CHECK (id),
  reminder_days_before_deadline integer NOT NULL DEFAULT 3 CHECK (reminder_days_before_deadline BETWEEN 0 AND 30)
);
INSERT INTO intermediary_setting DEFAULT VALUES;

-- The legal bases of an intermediary's penalty, as data (versioned like legal_basis_version,
-- rows only added). Seeded from the texts read in LawRefBook (docs/legal-bases.md, "Intermediaries");
-- whether a 挂证 arrangement falls under a given article is the province's (人社厅's) judgement.
CREATE TABLE intermediary_basis_version (
  id             bigserial PRIMARY KEY,
  violation      text NOT NULL CHECK (length(violation) BETWEEN 1 AND 80),
  version        integer NOT NULL CHECK (version >= 1),
  label          text NOT NULL,
  citations      jsonb NOT NULL CHECK (jsonb_typeof(citations) = 'array' AND jsonb_array_length(citations) >= 1),
  measures       jsonb NOT NULL CHECK (jsonb_typeof(measures) = 'array' AND jsonb_array_length(measures) >= 1),
  effective_from date NOT NULL,
  reason         text NOT NULL,
  published_by   text NOT NULL,
  published_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (violation, version)
);

INSERT INTO intermediary_basis_version (violation, version, label, citations, measures, effective_from, reason, published_by) VALUES
  ('HR_SERVICE_IMPROPER', 1, '人力资源服务机构介绍单位或者个人从事违法活动等（未依法开展人力资源服务业务）',
   '[{"instrument": "《人力资源市场暂行条例》（国务院令第700号）", "article": "第四十三条（违反第二十七条）", "quote": "违反本条例第二十四条、第二十七条、第二十八条、第二十九条、第三十条、第三十一条规定，发布的招聘信息不真实、不合法，未依法开展人力资源服务业务的，由人力资源社会保障行政部门责令改正；有违法所得的，没收违法所得；拒不改正的，处1万元以上5万元以下的罚款；情节严重的，吊销人力资源服务许可证；给个人造成损害的，依法承担民事责任。", "sourceUrl": "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/%E8%A1%8C%E6%94%BF%E6%B3%95%E8%A7%84/%E4%BA%BA%E5%8A%9B%E8%B5%84%E6%BA%90%E5%B8%82%E5%9C%BA%E6%9A%82%E8%A1%8C%E6%9D%A1%E4%BE%8B(2018-06-29).md", "verified": true, "note": "条文读自 LawRefBook（国家法律法规数据库文本），未与国务院公报逐字核对。第二十七条：不得以招聘为名牟取不正当利益，不得介绍单位或者个人从事违法活动。安排“挂证”是否属于本条所称违法活动，由省人力资源和社会保障厅认定。"}]'::jsonb,
   '[{"kind": "ORDER_TO_CORRECT", "authority": "CITY_HR_BUREAU"}, {"kind": "CONFISCATE_GAINS", "authority": "CITY_HR_BUREAU"}, {"kind": "FINE", "authority": "CITY_HR_BUREAU", "minYuan": 10000, "maxYuan": 50000, "condition": "拒不改正的"}, {"kind": "REVOKE_LICENCE", "authority": "CITY_HR_BUREAU", "condition": "情节严重的"}]'::jsonb,
   '2018-10-01', '初始版本：按 LawRefBook 所载条文整理，适用性待省人社厅确认', 'system'),
  ('UNLICENSED_JOB_AGENCY', 1, '未经许可擅自从事职业中介活动',
   '[{"instrument": "《人力资源市场暂行条例》（国务院令第700号）", "article": "第四十二条第一款（违反第十八条第一款）", "quote": "违反本条例第十八条第一款规定，未经许可擅自从事职业中介活动的，由人力资源社会保障行政部门予以关闭或者责令停止从事职业中介活动；有违法所得的，没收违法所得，并处1万元以上5万元以下的罚款。", "sourceUrl": "https://github.com/LawRefBook/Laws/blob/6ef77b0a407dfcb4285dc149af0a159b09e28aa7/%E8%A1%8C%E6%94%BF%E6%B3%95%E8%A7%84/%E4%BA%BA%E5%8A%9B%E8%B5%84%E6%BA%90%E5%B8%82%E5%9C%BA%E6%9A%82%E8%A1%8C%E6%9D%A1%E4%BE%8B(2018-06-29).md", "verified": true, "note": "条文读自 LawRefBook，未与国务院公报逐字核对。"}, {"instrument": "《中华人民共和国就业促进法》（2015年修正）", "article": "第六十四条", "quote": "违反本法规定，未经许可和登记，擅自从事职业中介活动的，由劳动行政部门或者其他主管部门依法予以关闭；有违法所得的，没收违法所得，并处一万元以上五万元以下的罚款。", "sourceUrl": "https://github.com/LawRefBook/Laws/blob/ad3fc7a710153f0a72b1a600f57654aab9653c36/%E7%A4%BE%E4%BC%9A%E6%B3%95/%E5%B0%B1%E4%B8%9A%E4%BF%83%E8%BF%9B%E6%B3%95(2015-04-24).md", "verified": true, "note": "条文读自 LawRefBook（2015-04-24 修正文本），未与全国人大公报逐字核对。"}]'::jsonb,
   '[{"kind": "CLOSE_OR_STOP", "authority": "CITY_HR_BUREAU"}, {"kind": "CONFISCATE_GAINS", "authority": "CITY_HR_BUREAU"}, {"kind": "FINE", "authority": "CITY_HR_BUREAU", "minYuan": 10000, "maxYuan": 50000, "condition": "有违法所得的"}]'::jsonb,
   '2018-10-01', '初始版本：按 LawRefBook 所载条文整理，适用性待省人社厅确认', 'system');
