-- Owned by the audit module: one row per token event ever seen on podium.token-events, append-only.
-- event_id is unique so a redelivered event (delivery is at least once) is stored once.
CREATE TABLE audit_events (
    id              BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        UUID          NOT NULL UNIQUE,
    athlete_id      VARCHAR(64)   NOT NULL,
    event_type      VARCHAR(100)  NOT NULL,
    schema_version  INT           NOT NULL,
    occurred_at     TIMESTAMPTZ   NOT NULL,
    -- the event JSON as received (token-like fields redacted defensively; events never carry tokens)
    payload         JSONB         NOT NULL,
    kafka_topic     VARCHAR(249)  NOT NULL,
    kafka_partition INT           NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- GET /api/audit/events: one athlete, a time range, ordered by occurred_at then offset.
CREATE INDEX audit_events_athlete_occurred ON audit_events (athlete_id, occurred_at, kafka_partition, kafka_offset);

-- Append-only in the database too, not just in code: UPDATE, DELETE and TRUNCATE are refused.
-- (INSERT ... ON CONFLICT DO NOTHING fires no UPDATE trigger.)
CREATE FUNCTION audit_events_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
