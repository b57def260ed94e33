-- RFC 6749 puts no limit on a scope's length: a long one must not fail the write (and lose the answer).
ALTER TABLE oauth_tokens ALTER COLUMN scope TYPE TEXT;

-- Set when a refresh call may have been processed by TrainingPeaks without its answer reaching this row (deadline
-- passed, body cut or refused, or the refresher died holding the lease): TrainingPeaks may have rotated the refresh
-- token we still hold. A following invalid_grant then revokes with reason REFRESH_ANSWER_LOST. Cleared by any write
-- of new tokens.
ALTER TABLE oauth_tokens ADD COLUMN answer_lost_at TIMESTAMPTZ;
