-- Owned by the events module (app): the outbox of events bound for Kafka.

-- The last sequence number handed out per message key (athlete id). The allocating transaction holds the row lock
-- until it ends, so one athlete's events are numbered in the order their transactions commit, without gaps.
CREATE TABLE event_sequences (
    message_key   VARCHAR(64)  PRIMARY KEY,
    last_sequence BIGINT       NOT NULL
);

-- One row per event not yet acknowledged by Kafka, written in the publishing transaction. The writing instance
-- claims it at once; only the claim owner sends it, and a crashed owner's rows are taken over once the claim
-- expired. Rows are deleted when the broker acknowledged them.
CREATE TABLE event_outbox (
    id            BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_key   VARCHAR(64)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    topic         VARCHAR(249) NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    -- the record value exactly as it goes on the wire (events never carry tokens)
    payload       TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claim_owner   VARCHAR(200) NOT NULL,
    claimed_until TIMESTAMPTZ  NOT NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    last_error    VARCHAR(300),
    CONSTRAINT event_outbox_key_sequence UNIQUE (message_key, sequence)
);
CREATE INDEX event_outbox_claim ON event_outbox (claim_owner, id);
CREATE INDEX event_outbox_claimed_until ON event_outbox (claimed_until);
