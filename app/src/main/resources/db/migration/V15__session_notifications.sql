-- Replicas keep the user behind each live login session in memory for a few seconds. Whatever
-- could end a session or change who its user is (logout, password change, deactivation, a role or
-- organization change; through the API, another replica or SQL by hand) notifies them on commit,
-- and they forget that user's sessions at once.
CREATE FUNCTION notify_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('helpdesk_sessions', OLD.id::text);
    ELSE
        PERFORM pg_notify('helpdesk_sessions', OLD.user_id::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER auth_sessions_ended AFTER UPDATE ON auth_sessions FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION notify_session_user();
CREATE TRIGGER auth_sessions_removed AFTER DELETE ON auth_sessions FOR EACH ROW
    EXECUTE FUNCTION notify_session_user();
CREATE TRIGGER users_identity_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.name IS DISTINCT FROM NEW.name OR OLD.role IS DISTINCT FROM NEW.role
          OR OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.active IS DISTINCT FROM NEW.active)
    EXECUTE FUNCTION notify_session_user();
CREATE TRIGGER users_removed AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION notify_session_user();
