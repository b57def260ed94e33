-- Owned by the audit module: the per-athlete sequence number events carry from schemaVersion 2 (null before).
ALTER TABLE audit_events ADD COLUMN sequence BIGINT;
CREATE INDEX audit_events_athlete_sequence ON audit_events (athlete_id, sequence);
