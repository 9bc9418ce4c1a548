-- Tickets, comments, attachments and the audit trail.
CREATE TABLE tickets (
    id              BIGSERIAL PRIMARY KEY,
    subject         VARCHAR(255) NOT NULL,
    description     TEXT NOT NULL,
    status          VARCHAR(16) NOT NULL CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority        VARCHAR(16) NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    requester_id    BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT REFERENCES organizations (id),
    assignee_id     BIGINT REFERENCES users (id),
    group_id        BIGINT REFERENCES groups (id),
    tags            TEXT[] NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    solved_at       TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    -- full text: what the requester wrote and public replies; internal notes apart so
    -- customers never find a ticket by a word that only an internal note contains
    tsv_content     TSVECTOR GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', subject), 'A') ||
                        setweight(to_tsvector('english', description), 'B')) STORED,
    tsv_replies     TSVECTOR NOT NULL DEFAULT ''::tsvector,
    tsv_notes       TSVECTOR NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX tickets_status_idx ON tickets (status, updated_at DESC);
CREATE INDEX tickets_priority_idx ON tickets (priority);
CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at DESC);
CREATE INDEX tickets_organization_idx ON tickets (organization_id, updated_at DESC);
CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, updated_at DESC);
CREATE INDEX tickets_group_idx ON tickets (group_id);
CREATE INDEX tickets_created_idx ON tickets (created_at);
CREATE INDEX tickets_updated_idx ON tickets (updated_at);
CREATE INDEX tickets_tags_idx ON tickets USING GIN (tags);
CREATE INDEX tickets_tsv_content_idx ON tickets USING GIN (tsv_content);
CREATE INDEX tickets_tsv_replies_idx ON tickets USING GIN (tsv_replies);
CREATE INDEX tickets_tsv_notes_idx ON tickets USING GIN (tsv_notes);

CREATE TABLE comments (
    id          BIGSERIAL PRIMARY KEY,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id   BIGINT NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    public      BOOLEAN NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX comments_ticket_idx ON comments (ticket_id, created_at);

-- Comments are append-only, so each new one extends its ticket's search vector.
CREATE FUNCTION comments_index_text() RETURNS trigger AS $$
BEGIN
    IF NEW.public THEN
        UPDATE tickets SET tsv_replies = tsv_replies || to_tsvector('english', NEW.body) WHERE id = NEW.ticket_id;
    ELSE
        UPDATE tickets SET tsv_notes = tsv_notes || to_tsvector('english', NEW.body) WHERE id = NEW.ticket_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER comments_index_text AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION comments_index_text();

CREATE TABLE attachments (
    id            BIGSERIAL PRIMARY KEY,
    ticket_id     BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    comment_id    BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    uploader_id   BIGINT NOT NULL REFERENCES users (id),
    filename      VARCHAR(255) NOT NULL,
    content_type  VARCHAR(127) NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        CHAR(64) NOT NULL,
    storage_key   VARCHAR(512) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attachments_comment_idx ON attachments (comment_id);
CREATE INDEX attachments_ticket_idx ON attachments (ticket_id);

CREATE TABLE audit_events (
    id           BIGSERIAL PRIMARY KEY,
    entity_type  VARCHAR(32) NOT NULL,
    entity_id    BIGINT NOT NULL,
    ticket_id    BIGINT REFERENCES tickets (id) ON DELETE CASCADE,
    actor_id     BIGINT REFERENCES users (id),
    action       VARCHAR(64) NOT NULL,
    changes      JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id);
CREATE INDEX audit_events_ticket_idx ON audit_events (ticket_id, id);
