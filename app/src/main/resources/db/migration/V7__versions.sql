-- A version per editable record, raised by every change: it is the record's ETag, and a write
-- whose If-Match names an older version is refused (412) instead of silently overwriting.
ALTER TABLE tickets ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sla_policies ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE business_calendars ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
