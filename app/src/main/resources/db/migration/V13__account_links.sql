-- Single-use links sent by email: a password reset, an invitation to set a first password, the
-- verification of a self-registered customer's address. The link's token is derived from nonce
-- with HELPDESK_SECRET (so a mail job needs no secret in its payload) and only its hash is here.
CREATE TABLE account_links (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     VARCHAR(16) NOT NULL CHECK (purpose IN ('reset', 'invite', 'verify')),
    nonce       CHAR(43) NOT NULL,
    token_hash  CHAR(64) NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_links_user_idx ON account_links (user_id, purpose);

-- A customer who registered themselves and has not confirmed their address yet: inactive until
-- they do; registering again with the address replaces the pending account instead of being
-- refused, so nobody can hold an address they cannot read.
ALTER TABLE users ADD COLUMN pending_verification BOOLEAN NOT NULL DEFAULT FALSE;
