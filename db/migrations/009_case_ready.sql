-- When the case's workflow was running and ready to take a decision. A city opens thousands of
-- cases in one statement, and their workflows start over the next minutes (tens of minutes at
-- 200,000 persons): until then a decision is refused with "not ready yet". The worklist shows
-- which cases are ready, and offers them first, so officials never work through refusals.
ALTER TABLE case_file ADD COLUMN ready_at timestamptz;
CREATE INDEX case_file_open_ready ON case_file (campaign_id, city_code, case_no) WHERE status = 'open' AND ready_at IS NOT NULL;
