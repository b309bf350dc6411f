-- A request that failed leaves its Idempotency-Key released rather than forgotten: the caller may
-- send the same body again with it (the request runs again), but another body with the key is still
-- refused (422), so a key can never come to stand for a second, different request.
ALTER TABLE idempotency_key ADD COLUMN released boolean NOT NULL DEFAULT false;
