-- resourceVersion: one cluster-wide, strictly increasing counter.
CREATE SEQUENCE resource_version_seq;

-- One row per stored object. `resource` is the storage key of its resource
-- (`pods`, `deployments.apps`); `namespace` is '' for cluster-scoped kinds.
CREATE TABLE objects (
    id               BIGSERIAL PRIMARY KEY,
    resource         TEXT   NOT NULL,
    namespace        TEXT   NOT NULL DEFAULT '',
    name             TEXT   NOT NULL,
    uid              TEXT   NOT NULL,
    resource_version BIGINT NOT NULL,
    labels           JSONB  NOT NULL DEFAULT '{}'::jsonb,
    owner_uids       JSONB  NOT NULL DEFAULT '[]'::jsonb,
    node_name        TEXT,
    body             JSONB  NOT NULL,
    CONSTRAINT objects_key UNIQUE (resource, namespace, name)
);
CREATE INDEX objects_labels_idx ON objects USING GIN (labels jsonb_path_ops);
CREATE INDEX objects_owner_uids_idx ON objects USING GIN (owner_uids jsonb_path_ops);
CREATE INDEX objects_node_name_idx ON objects (resource, node_name);
CREATE INDEX objects_uid_idx ON objects (uid);

-- The change log: written in the same transaction as the object. It is the
-- transactional outbox the relay publishes to Kafka and the history watch serves.
CREATE TABLE changes (
    resource_version BIGINT PRIMARY KEY,
    resource         TEXT        NOT NULL,
    namespace        TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    type             TEXT        NOT NULL,
    object           JSONB       NOT NULL,
    committed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changes_resource_idx ON changes (resource, resource_version);

-- Watches that start at or below `compacted_through` get 410 Gone.
CREATE TABLE compaction (
    id                INT PRIMARY KEY,
    compacted_through BIGINT NOT NULL
);
INSERT INTO compaction (id, compacted_through) VALUES (1, 0);
