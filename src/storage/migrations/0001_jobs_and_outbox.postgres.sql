-- SPDX-License-Identifier: Apache-2.0
-- Background jobs, the transactional outbox of domain events, and idempotency keys.
CREATE TABLE jobs (
  id BIGSERIAL PRIMARY KEY,
  queue TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 8,
  run_at_ms BIGINT NOT NULL,
  locked_by TEXT,
  locked_until_ms BIGINT,
  last_error TEXT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX jobs_claim_idx ON jobs (status, run_at_ms, id);

CREATE TABLE outbox_events (
  id BIGSERIAL PRIMARY KEY,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  published_at_ms BIGINT
);
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE published_at_ms IS NULL;

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER,
  response_body TEXT,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (scope, key)
);
