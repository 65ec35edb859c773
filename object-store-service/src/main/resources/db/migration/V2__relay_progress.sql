-- How far the outbox relay has published the change log to Kafka: every change up to
-- published_through was acknowledged by the broker (acks=all). Written by the active relay,
-- over the session that holds the relay lock, only after the acknowledgement; compaction
-- never deletes past it while the relay is enabled.
CREATE TABLE relay_progress (
    id                INT         PRIMARY KEY CHECK (id = 1),
    published_through BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO relay_progress (id, published_through) VALUES (1, 0);
