-- The HTTP API: users, refresh tokens, the audit trail and idempotency keys.

-- A person who signs in locally (OIDC users are not stored: their token carries role and city).
CREATE TABLE app_user (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('province_coordinator', 'city_officer', 'supervisor', 'auditor')),
  -- A city officer is bound to exactly one city; the other roles to none.
  city_code     char(4) CHECK ((role = 'city_officer') = (city_code IS NOT NULL)),
  -- 'scrypt$N$r$p$<salt b64>$<hash b64>': the parameters travel with the hash so they can be raised later.
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  disabled_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 hashes only. Each use rotates the token: the old row is
-- marked replaced; presenting a replaced token again revokes the whole family (a stolen token).
CREATE TABLE refresh_token (
  token_hash   text PRIMARY KEY,
  family_id    uuid NOT NULL,
  user_id      bigint NOT NULL REFERENCES app_user(id),
  issued_at    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  replaced_at  timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Every write through the API, append-only. Targets are ids (case ids, campaign ids, masked ID
-- numbers), never names.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  request_id   text NOT NULL,
  user_id      text,                 -- username, or the OIDC subject; NULL when unauthenticated
  role         text,
  city_code    char(4),
  action       text NOT NULL,        -- the route's action name, e.g. 'case.decide'
  target       text,
  result       text NOT NULL,        -- 'ok' or the problem code
  status       integer NOT NULL,     -- the HTTP status returned
  detail       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- REVOKE does not bind the table's owner (the role the API connects as), so a trigger refuses
-- any change to a written row, whoever asks. TRUNCATE is refused the same way.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

-- A write sent with an Idempotency-Key: the first request's response is kept and replayed to a
-- repeat with the same body; the same key with a different body is refused.
CREATE TABLE idempotency_key (
  idem_key        text NOT NULL,
  user_id         text NOT NULL,
  route           text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer,           -- NULL while the first request is still running
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
