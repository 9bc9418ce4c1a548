-- Follow-up work written in the same transaction as the change that causes it; a relay moves
-- it to the Redis job queue, so nothing is lost while Redis is down.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    type        VARCHAR(64) NOT NULL,
    payload     JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- jobs whose effect happened (e.g. an email sent), so a redelivered job does it only once
CREATE TABLE processed_jobs (
    job_id       VARCHAR(100) PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- one reminder and one breach notice per clock and deadline, however many workers scan
CREATE TABLE sla_notifications (
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    metric      VARCHAR(16) NOT NULL,
    kind        VARCHAR(16) NOT NULL CHECK (kind IN ('reminder', 'breach')),
    due_at      TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_id, metric, kind, due_at)
);
