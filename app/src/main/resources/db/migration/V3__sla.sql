-- SLA: business calendars, ordered policies, and each ticket's SLA bookkeeping.
CREATE TABLE business_calendars (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(64) NOT NULL,
    windows     JSONB NOT NULL,
    holidays    DATE[] NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX business_calendars_name_key ON business_calendars (lower(name));

CREATE TABLE sla_policies (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    position    INTEGER NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    calendar_id BIGINT REFERENCES business_calendars (id),
    conditions  JSONB NOT NULL DEFAULT '{}'::jsonb,
    targets     JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sla_policies_order_idx ON sla_policies (position, id) WHERE active;

ALTER TABLE tickets
    ADD COLUMN sla_policy_id BIGINT REFERENCES sla_policies (id),
    -- the earliest deadline still pending, so an SLA scan is one range query
    ADD COLUMN sla_next_due TIMESTAMPTZ;
CREATE INDEX tickets_sla_next_due_idx ON tickets (sla_next_due) WHERE sla_next_due IS NOT NULL;

-- per ticket and clock: the latest evaluation (achieved minutes once met or breached)
CREATE TABLE ticket_sla (
    ticket_id       BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    metric          VARCHAR(16) NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
    target_minutes  BIGINT NOT NULL,
    elapsed_minutes BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL CHECK (status IN ('active', 'at_risk', 'paused', 'met', 'breached')),
    due_at          TIMESTAMPTZ,
    PRIMARY KEY (ticket_id, metric)
);
CREATE INDEX ticket_sla_status_idx ON ticket_sla (metric, status);
