-- Issue 20 item 4 (assignment): each case's 承办人 (the named officer who works it), assigned by the
-- city's responsible person (负责人, app_user.responsible, migration 062) one case at a time or in bulk
-- by a rule. The history is append-only (never overwritten): every assignment and reassignment is
-- a row naming the officer assigned, the one before, who assigned, when, how (manual, bulk or rule)
-- and why; case_assignment holds the current one, so worklists filter by it with one join.
-- Assignment says who works a case; it does not restrict who may decide it (any officer of the city).

CREATE TABLE case_assignment_event (
  id           bigserial PRIMARY KEY,
  case_id      text NOT NULL REFERENCES case_file(case_id),
  -- Officers are the city's local users (app_user rows of role city_officer; checked on write).
  assignee     text NOT NULL REFERENCES app_user(username),
  previous     text REFERENCES app_user(username),   -- NULL: the case was unassigned
  assigned_by  text NOT NULL,                          -- the responsible person's user id (local or oidc:…)
  method       text NOT NULL CHECK (method IN ('manual', 'bulk', 'rule')),
  rule         jsonb,                                  -- the rule as applied (method 'rule')
  batch_key    text,                                   -- the bulk run's Idempotency-Key
  reason       text CHECK (reason IS NULL OR length(reason) <= 500),
  assigned_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_assignment_event_case ON case_assignment_event (case_id, id);

CREATE TABLE case_assignment (
  case_id      text PRIMARY KEY REFERENCES case_file(case_id),
  assignee     text NOT NULL REFERENCES app_user(username),
  event_id     bigint NOT NULL REFERENCES case_assignment_event(id),
  assigned_at  timestamptz NOT NULL
);
CREATE INDEX case_assignment_assignee ON case_assignment (assignee, case_id);

CREATE FUNCTION case_assignment_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_assignment_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER case_assignment_event_append_only BEFORE UPDATE OR DELETE ON case_assignment_event
  FOR EACH ROW EXECUTE FUNCTION case_assignment_event_refuse_change();

-- Who acted under whose assignment: an audit entry about a case names the case's 承办人 at the time
-- (NULL: none, or not about a case). Adding a column rewrites no row, so the append-only trigger holds.
ALTER TABLE audit_log ADD COLUMN assignee text;
CREATE INDEX audit_log_assignee ON audit_log (assignee, at) WHERE assignee IS NOT NULL;
