-- Owned by the sync module (com.podium.connect.sync): the last good TrainingPeaks data of every connected account,
-- so every instance and every restart serves it, and pages never wait on TrainingPeaks.
--
-- Payloads are JSONB of our API records (Workout, Metric, AthleteProfile), which serialise to TrainingPeaks' own
-- field names: one row per workout or metric entry keeps the changed feed's upserts and deletes by id simple,
-- the day column is all a page filters on, and fields TrainingPeaks adds need no migration.

-- One row per connected account (athlete or coach): when it is due, who is syncing it, how the last sync went.
CREATE TABLE tp_sync_accounts (
    account_id      VARCHAR(64)  PRIMARY KEY,
    next_sync_at    TIMESTAMPTZ  NOT NULL,
    -- lease of the instance syncing it: claimed and committed before any TrainingPeaks call
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMPTZ,
    -- the last sync that ended without a problem
    synced_at       TIMESTAMPTZ,
    -- the changed feed's cursor: when the last complete read of /v2/workouts/changed started (athletes only)
    changes_since   TIMESTAMPTZ,
    -- the last sync's problem (typed, sanitised: status and provider error code, never a token), cleared by success
    last_problem    VARCHAR(300),
    last_problem_at TIMESTAMPTZ,
    failures        INT          NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX tp_sync_accounts_due ON tp_sync_accounts (next_sync_at);

-- An athlete as read through an account: the account's own calendar (subject 0) or an athlete of a coach's roster
-- (subject = TrainingPeaks athlete id). A coach's roster is the set of its subjects.
CREATE TABLE tp_sync_subjects (
    account_id         VARCHAR(64) NOT NULL REFERENCES tp_sync_accounts ON DELETE CASCADE,
    subject            BIGINT      NOT NULL,
    profile            JSONB,
    profile_synced_at  TIMESTAMPTZ,
    -- the days whose workouts are all stored, and when they were last read in full (range reads)
    workouts_from      DATE,
    workouts_to        DATE,
    workouts_synced_at TIMESTAMPTZ,
    full_synced_at     TIMESTAMPTZ,
    metrics_from       DATE,
    metrics_to         DATE,
    metrics_synced_at  TIMESTAMPTZ,
    PRIMARY KEY (account_id, subject)
);

CREATE TABLE tp_sync_workouts (
    account_id  VARCHAR(64) NOT NULL,
    subject     BIGINT      NOT NULL,
    workout_id  BIGINT      NOT NULL,
    workout_day DATE        NOT NULL,
    payload     JSONB       NOT NULL,
    PRIMARY KEY (account_id, subject, workout_id),
    FOREIGN KEY (account_id, subject) REFERENCES tp_sync_subjects ON DELETE CASCADE
);

CREATE INDEX tp_sync_workouts_day ON tp_sync_workouts (account_id, subject, workout_day);

CREATE TABLE tp_sync_metrics (
    account_id VARCHAR(64) NOT NULL,
    subject    BIGINT      NOT NULL,
    metric_id  VARCHAR(64) NOT NULL,
    day        DATE        NOT NULL,
    payload    JSONB       NOT NULL,
    PRIMARY KEY (account_id, subject, metric_id),
    FOREIGN KEY (account_id, subject) REFERENCES tp_sync_subjects ON DELETE CASCADE
);

CREATE INDEX tp_sync_metrics_day ON tp_sync_metrics (account_id, subject, day);
