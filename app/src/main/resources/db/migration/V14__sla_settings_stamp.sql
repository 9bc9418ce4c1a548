-- A value that changes whenever SLA policies or business calendars change, however they are
-- changed (API, SQL by hand, a migration): the application keeps the active policies in memory
-- and reads only this value to know whether they are still current.
CREATE TABLE sla_settings_stamp (
    id    SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    stamp UUID NOT NULL
);
INSERT INTO sla_settings_stamp (stamp) VALUES (gen_random_uuid());

CREATE FUNCTION sla_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sla_settings_stamp SET stamp = gen_random_uuid();
    RETURN NULL;
END;
$$;

CREATE TRIGGER sla_policies_changed AFTER INSERT OR UPDATE OR DELETE ON sla_policies
    FOR EACH STATEMENT EXECUTE FUNCTION sla_settings_changed();
CREATE TRIGGER business_calendars_changed AFTER INSERT OR UPDATE OR DELETE ON business_calendars
    FOR EACH STATEMENT EXECUTE FUNCTION sla_settings_changed();
