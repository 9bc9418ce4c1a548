-- A write freeze (docs/upgrade-and-rollback.md, "Write freeze"): while a row is here the desk is
-- read-only. The operator sets it before the pre-upgrade backup and lifts it when the upgrade is
-- over, so a rollback that restores that backup loses nothing written in between.
CREATE TABLE write_freeze (
    id     SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    since  TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason VARCHAR(500) NOT NULL
);
