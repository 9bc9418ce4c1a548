-- Browser sign-ins: the cookie holds a random token whose hash is here, tied to a login session
-- (auth_sessions), so signing out, a password change or deactivation ends it like any session,
-- it survives a restart and works on every replica. csrf_token guards the session's forms.
CREATE TABLE web_sessions (
    token_hash  CHAR(64) PRIMARY KEY,
    session_id  BIGINT NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    csrf_token  CHAR(43) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX web_sessions_session_idx ON web_sessions (session_id);
