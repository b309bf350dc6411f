-- Log-in throttling by the name tried, known or not: a row for an unknown name looks like a row for
-- a known one, so neither the answer nor its timing tells whether an account exists. After a few
-- failures each further attempt must wait a delay that doubles (blocked_until); a success deletes
-- the row. Replaces app_user.failed_logins/locked_until (a hard lock any stranger could trigger),
-- which stay unused.
CREATE TABLE login_throttle (
  username        text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  blocked_until   timestamptz
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);

-- Access tokens ended by a log-out, by token id, kept until the token would expire anyway.
CREATE TABLE revoked_access_token (
  jti        uuid PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_access_token_expiry ON revoked_access_token (expires_at);
