-- Issue 19 (penalties by due process): two ways out of a penalty closed.

-- A deregistration request (申请注销) for a person whose case is open belongs to that case: it is
-- recorded, linked here, and its fast-track time limit is not watched (the registration is frozen
-- while the case is open, so the issuing authority cannot cancel it). A DEREGISTERED decision on a
-- case with such a request is liable (domain/penaltyPlan.ts judgeLiability).
ALTER TABLE deregistration_request ADD COLUMN case_id text REFERENCES case_file(case_id);
CREATE INDEX deregistration_request_case ON deregistration_request (case_id) WHERE case_id IS NOT NULL;

-- Requests already received while the person's case was open (before its decision) are linked too.
UPDATE deregistration_request r SET case_id = c.case_id
FROM case_file c
WHERE r.case_id IS NULL AND c.campaign_id = r.campaign_id AND c.id_number = r.id_number
  AND r.received_at >= c.opened_at AND (c.decided_at IS NULL OR r.received_at < c.decided_at);

-- The campaign's calendar date a self-check declaration was received (a compressed demo clock
-- differs from the wall date). NULL on rows written before: read as received_at's Shanghai date.
-- A RECTIFIED decision is exempt only with a declaration received by the self-check deadline.
ALTER TABLE self_check_declaration ADD COLUMN received_on date;

-- Why the case is liable, exempt or neither (LiabilityBasis in domain/penaltyPlan.ts).
ALTER TABLE case_file ADD COLUMN liability_basis text;
