-- Spring Modulith's event publication registry (JPA flavour): the transactional outbox.
-- A row per (event, transactional listener) is written in the business transaction; the Kafka externalizer
-- completes it once the broker acknowledged the record. Events never carry token values, so this table never
-- holds one either.
CREATE TABLE event_publication (
    id               UUID         PRIMARY KEY,
    listener_id      TEXT         NOT NULL,
    event_type       TEXT         NOT NULL,
    serialized_event TEXT         NOT NULL,
    publication_date TIMESTAMPTZ  NOT NULL,
    completion_date  TIMESTAMPTZ
);
CREATE INDEX event_publication_incomplete ON event_publication (publication_date) WHERE completion_date IS NULL;

-- Used when spring.modulith.events.completion-mode=archive.
CREATE TABLE event_publication_archive (
    id               UUID         PRIMARY KEY,
    listener_id      TEXT         NOT NULL,
    event_type       TEXT         NOT NULL,
    serialized_event TEXT         NOT NULL,
    publication_date TIMESTAMPTZ  NOT NULL,
    completion_date  TIMESTAMPTZ
);
