-- Which older app versions can still run on this schema: the newest migration that removed
-- something they might use (a "contract" step, listed in db/schema-compat.properties). Written by
-- the migrate role, only ever raised; an app version whose newest migration is older than it
-- refuses to start (docs/upgrade-and-rollback.md, "Schema compatibility").
CREATE TABLE schema_compat (
    id             SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    contract_floor VARCHAR(50) NOT NULL
);
