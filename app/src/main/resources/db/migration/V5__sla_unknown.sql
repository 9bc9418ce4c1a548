-- A clock whose deadline cannot be computed (e.g. a calendar stored before today's limits) is
-- kept as 'unknown' with the ticket still usable, instead of failing the request.
ALTER TABLE ticket_sla DROP CONSTRAINT ticket_sla_status_check;
ALTER TABLE ticket_sla ADD CONSTRAINT ticket_sla_status_check
    CHECK (status IN ('active', 'at_risk', 'paused', 'met', 'breached', 'unknown'));
