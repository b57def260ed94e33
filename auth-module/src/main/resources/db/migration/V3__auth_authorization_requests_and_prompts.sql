-- Owned by the auth module.

-- Pending OAuth authorization requests: one row per `state` handed to TrainingPeaks. Consumed (deleted) by the
-- callback, so a state works once. Only hashes of the state and of the browser-binding cookie are stored.
CREATE TABLE oauth_authorization_requests (
    state_hash           VARCHAR(64)  PRIMARY KEY,  -- SHA-256 hex of the state value
    athlete_id           VARCHAR(64)  NOT NULL,
    account_role         VARCHAR(16)  NOT NULL,
    browser_binding_hash VARCHAR(64)  NOT NULL,     -- SHA-256 hex of the browser-binding cookie
    code_verifier        VARCHAR(128),              -- PKCE verifier; null when PKCE is off
    created_at           TIMESTAMPTZ  NOT NULL,
    expires_at           TIMESTAMPTZ  NOT NULL
);

CREATE INDEX oauth_authorization_requests_expires_at ON oauth_authorization_requests (expires_at);

-- "Re-authorize TrainingPeaks" prompts, written from TokenRevoked events and closed by AuthorizationCompleted.
-- A prompt is open while revoked_at is later than authorized_at; keeping both instants makes the outcome independent
-- of the order in which (possibly redelivered) events are processed.
CREATE TABLE auth_reauthorization_prompts (
    athlete_id    VARCHAR(64)  PRIMARY KEY,
    reason        VARCHAR(64),
    detail        VARCHAR(500),
    revoked_at    TIMESTAMPTZ,
    authorized_at TIMESTAMPTZ
);
