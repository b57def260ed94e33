-- Owned by the token module. One row per TrainingPeaks account (athlete or coach).
-- Token values are AES-256-GCM ciphertexts (see TokenCipher): plaintext never reaches this table.
CREATE TABLE oauth_tokens (
    athlete_id      VARCHAR(64)  PRIMARY KEY,
    account_role    VARCHAR(16)  NOT NULL,
    access_token    BYTEA        NOT NULL,
    refresh_token   BYTEA,
    key_id          VARCHAR(32)  NOT NULL,
    scope           VARCHAR(1000) NOT NULL DEFAULT '',
    issued_at       TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    -- expires_at minus the lead time: when a read or the scheduler must refresh
    refresh_at      TIMESTAMPTZ  NOT NULL,
    -- fencing: every write is a compare-and-set on version
    version         BIGINT       NOT NULL DEFAULT 0,
    -- refresh lease: claimed and committed before the HTTP call, so no row lock spans the network
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMPTZ,
    -- transient refresh failures and their back-off
    failure_count   INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    last_error_code VARCHAR(100),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX oauth_tokens_refresh_at ON oauth_tokens (refresh_at);
