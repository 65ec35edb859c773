package io.kubelite.objectstore.storage;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL as the source of truth.
 *
 * <p>Ordering invariant: every commit takes one transaction-scoped advisory lock before it draws
 * its resourceVersion and holds it until it commits. So resourceVersions are handed out in commit
 * order, and a reader that has seen change N+1 can never later find a committed change N: the
 * classic "sequence order is not commit order" gap cannot open. Everything that can be computed
 * before the lock (decoding, defaulting, validation, patching) is; inside it there are only the
 * row writes, one change-log insert per object and the commit.
 */
@Component
public class ObjectStore {

    /** Arbitrary, fixed key of the advisory lock that orders all commits. */
    static final long COMMIT_LOCK_KEY = 0x6b75_6265_6c69_7465L;
    /** Most requests written in one transaction by the group commit. */
    static final int MAX_GROUP_COMMIT = 64;
    /** resourceVersions deleted per statement while compacting. */
    private static final long COMPACTION_SLICE = 5_000;

    private final ChangeRepository changes;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ChangeSignal signal;
    private final Map<String, AtomicLong> lastCommitted = new ConcurrentHashMap<>();
    private final GroupCommit groupCommit;
    private final CompactionCheckpoints checkpoints = new CompactionCheckpoints();
    private final Clock clock;

    @PersistenceContext
    private EntityManager entityManager;

    public ObjectStore(ChangeRepository changes, JdbcTemplate jdbc, JsonMapper json,
                       ChangeSignal signal, DataSource dataSource, Clock clock) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.json = json;
        this.signal = signal;
        this.clock = clock;
        // Plain JDBC transactions (the writes use only JdbcTemplate), which support the savepoints
        // the group commit puts around each request.
        this.groupCommit = new GroupCommit(new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                this::writeInTransaction, MAX_GROUP_COMMIT);
    }

    // Point reads and the small admission reads are single statements: they run on JdbcTemplate in
    // autocommit (one round trip) rather than in a JPA transaction (BEGIN, the query through
    // Hibernate's query plan and entity materialization, COMMIT), which cost several times the
    // query itself on every write's path.
    private static final String OBJECT_COLUMNS = "SELECT id, resource, namespace, name, uid, resource_version, body FROM objects ";

    public Optional<StoredObject> get(String resource, String namespace, String name) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE resource = ? AND namespace = ? AND name = ?", this::decodeRow,
                resource, namespace, name).stream().findFirst();
    }

    public List<StoredObject> findByOwner(String ownerUid) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE owner_uids @> CAST(? AS jsonb)", this::decodeRow,
                json.writeValueAsString(List.of(ownerUid)));
    }

    /** Every object of a resource in a namespace, for admission checks (no resourceVersion, no paging). */
    public List<StoredObject> items(String resource, String namespace) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE resource = ? AND namespace = ?", this::decodeRow, resource, namespace);
    }

    /** Every object of a resource, in every namespace (for admission's in-memory copies). */
    public List<StoredObject> all(String resource) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE resource = ?", this::decodeRow, resource);
    }

    /** The newest resourceVersion this server has committed for {@code resource}, 0 if none yet. */
    public long lastCommitted(String resource) {
        AtomicLong rv = lastCommitted.get(resource);
        return rv == null ? 0 : rv.get();
    }

    /** Up to {@code limit} objects of a namespace (any of them), for deleting it batch by batch. */
    public List<StoredObject> findInNamespace(String namespace, int limit) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE namespace = ? LIMIT ?", this::decodeRow, namespace, limit);
    }

    /** Objects of a namespace not yet marked for deletion (no deletionTimestamp), at most {@code limit}. */
    public List<StoredObject> findUndeletedInNamespace(String namespace, int limit) {
        return jdbc.query(OBJECT_COLUMNS + "WHERE namespace = ? AND body->'metadata'->'deletionTimestamp' IS NULL LIMIT ?",
                this::decodeRow, namespace, limit);
    }

    /** How many objects of each resource a namespace holds ({@code pods → 2}), by resource. */
    public java.util.SortedMap<String, Integer> countInNamespace(String namespace) {
        java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT resource, count(*) FROM objects WHERE namespace = ? GROUP BY resource",
                (java.sql.ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, namespace);
        return counts;
    }

    /** How many objects of a namespace carry each finalizer ({@code example.com/keep → 1}), by finalizer. */
    public java.util.SortedMap<String, Integer> finalizersInNamespace(String namespace) {
        java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT f, count(*) FROM objects, jsonb_array_elements_text(CASE WHEN jsonb_typeof(body->'metadata'->"
                        + "'finalizers') = 'array' THEN body->'metadata'->'finalizers' ELSE '[]'::jsonb END) AS f "
                        + "WHERE namespace = ? GROUP BY f",
                (java.sql.ResultSet rs) -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, namespace);
        return counts;
    }

    /** A page of objects and, from the same snapshot, the resourceVersion it is consistent with. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @SuppressWarnings("unchecked")
    public ListResult list(ListQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM objects WHERE resource = :resource");
        if (q.namespace() != null) {
            sql.append(" AND namespace = :namespace");
        }
        if (!q.labelEqualities().isEmpty()) {
            sql.append(" AND labels @> CAST(:labels AS jsonb)");
        }
        if (q.name() != null) {
            sql.append(" AND name = :name");
        }
        if (q.nodeName() != null) {
            sql.append(" AND node_name = :nodeName");
        }
        if (q.afterName() != null) {
            sql.append(" AND (namespace, name) > (:afterNamespace, :afterName)");
        }
        sql.append(" ORDER BY namespace, name");
        if (q.limit() > 0) {
            sql.append(" LIMIT ").append(q.limit() + 1);
        }
        var query = entityManager.createNativeQuery(sql.toString(), ObjectRecord.class);
        query.setParameter("resource", q.resource());
        if (q.namespace() != null) {
            query.setParameter("namespace", q.namespace());
        }
        if (!q.labelEqualities().isEmpty()) {
            query.setParameter("labels", json.writeValueAsString(q.labelEqualities()));
        }
        if (q.name() != null) {
            query.setParameter("name", q.name());
        }
        if (q.nodeName() != null) {
            query.setParameter("nodeName", q.nodeName());
        }
        if (q.afterName() != null) {
            query.setParameter("afterNamespace", q.afterNamespace());
            query.setParameter("afterName", q.afterName());
        }
        List<ObjectRecord> rows = query.getResultList();
        boolean more = q.limit() > 0 && rows.size() > q.limit();
        if (more) {
            rows = rows.subList(0, q.limit());
        }
        long rv = changes.latestResourceVersion();
        return new ListResult(rows.stream().map(this::decode).toList(), rv, more);
    }

    public long latestResourceVersion() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(resource_version), 0) FROM changes", Long.class);
    }

    public long compactedThrough() {
        return jdbc.queryForObject("SELECT compacted_through FROM compaction WHERE id = 1", Long.class);
    }

    /** Up to {@code limit} changes of {@code resource} after {@code after}, oldest first. */
    public List<Change> changesAfter(String resource, long after, int limit) {
        return jdbc.query("SELECT resource_version, resource, namespace, name, type, object FROM changes "
                + "WHERE resource = ? AND resource_version > ? ORDER BY resource_version LIMIT ?", this::decodeChange,
                resource, after, limit);
    }

    /** Up to {@code limit} changes of every resource after {@code after}, oldest first. */
    public List<Change> changesAfter(long after, int limit) {
        return jdbc.query("SELECT resource_version, resource, namespace, name, type, object FROM changes "
                + "WHERE resource_version > ? ORDER BY resource_version LIMIT ?", this::decodeChange, after, limit);
    }

    /** Commits one object write; see {@link #commit(List)}. */
    public StoredObject commit(Mutation mutation) {
        return commit(List.of(mutation)).get(0);
    }

    /**
     * Writes the mutations atomically, each at its own new resourceVersion (in list order), with
     * one change-log row each. The bodies' {@code metadata.resourceVersion} is set to that value.
     * Inside a caller's transaction they join it; otherwise they are committed together with
     * other requests' writes ({@link GroupCommit}).
     */
    public List<StoredObject> commit(List<Mutation> mutations) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return writeInTransaction(mutations);
        }
        return groupCommit.commit(mutations);
    }

    @PreDestroy
    void stopGroupCommit() {
        groupCommit.close();
    }

    private List<StoredObject> writeInTransaction(List<Mutation> mutations) {
        List<StoredObject> written = new ArrayList<>(mutations.size());
        for (Mutation m : mutations) {
            written.add(write(m));
        }
        long committedRv = written.get(written.size() - 1).resourceVersion();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                for (StoredObject w : written) {
                    lastCommitted.computeIfAbsent(w.resource(), r -> new AtomicLong()).accumulateAndGet(w.resourceVersion(), Math::max);
                }
                signal.advance(committedRv);
            }
        });
        return written;
    }

    // One statement per object write, so one round trip: take the commit lock (re-entrant: free
    // after the transaction's first write), draw the resourceVersion, put it into the body, write
    // the object row and its change-log row. The change-log trigger of V3 sends the NOTIFY. A
    // duplicate name or a stale resourceVersion writes nothing and returns no row, without
    // aborting the transaction, so the requests sharing a group commit need no savepoints.
    private static final String DRAW_VERSION = "WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(?)), "
            + "v AS MATERIALIZED (SELECT nextval('resource_version_seq') AS rv FROM locked), "
            + "b AS MATERIALIZED (SELECT v.rv, jsonb_set(CAST(? AS jsonb), '{metadata,resourceVersion}', "
            + "to_jsonb(v.rv::text)) AS body FROM v), ";
    private static final String CREATE = DRAW_VERSION
            + "o AS (INSERT INTO objects (resource, namespace, name, uid, resource_version, labels, owner_uids, node_name, body) "
            + "SELECT ?, ?, ?, ?, b.rv, CAST(? AS jsonb), CAST(? AS jsonb), ?, b.body FROM b "
            + "ON CONFLICT ON CONSTRAINT objects_key DO NOTHING RETURNING id, resource_version, body), "
            + "c AS (INSERT INTO changes (resource_version, resource, namespace, name, type, object) "
            + "SELECT o.resource_version, ?, ?, ?, 'ADDED', o.body FROM o) "
            + "SELECT id, resource_version FROM o";
    private static final String UPDATE = DRAW_VERSION
            + "o AS (UPDATE objects SET resource_version = b.rv, labels = CAST(? AS jsonb), owner_uids = CAST(? AS jsonb), "
            + "node_name = ?, body = b.body FROM b WHERE objects.id = ? AND objects.resource_version = ? "
            + "RETURNING objects.id, objects.resource_version, objects.body), "
            + "c AS (INSERT INTO changes (resource_version, resource, namespace, name, type, object) "
            + "SELECT o.resource_version, ?, ?, ?, 'MODIFIED', o.body FROM o) "
            + "SELECT id, resource_version FROM o";
    private static final String DELETE = DRAW_VERSION
            + "o AS (DELETE FROM objects WHERE id = ? AND resource_version = ? RETURNING id), "
            + "c AS (INSERT INTO changes (resource_version, resource, namespace, name, type, object) "
            + "SELECT b.rv, ?, ?, ?, 'DELETED', b.body FROM b, o) "
            + "SELECT o.id, b.rv FROM o, b";

    private record Written(long id, long resourceVersion) {
    }

    private StoredObject write(Mutation m) {
        ObjectNode body = m.body().deepCopy();
        ObjectNode meta = metadata(body);
        String namespace = meta.path("namespace").asString("");
        String name = meta.path("name").asString();
        String key = m.resource() + " " + namespace + "/" + name;
        String text = json.writeValueAsString(body);
        String uid = meta.path("uid").asString();
        RowMapper<Written> row = (rs, n) -> new Written(rs.getLong(1), rs.getLong(2));
        List<Written> result;
        if (m instanceof Mutation.Create) {
            result = jdbc.query(CREATE, row, COMMIT_LOCK_KEY, text,
                    m.resource(), namespace, name, uid, labels(meta), ownerUids(meta), nodeName(body),
                    m.resource(), namespace, name);
            if (result.isEmpty()) {
                throw new DuplicateObjectException(key);
            }
        } else if (m instanceof Mutation.Update u) {
            result = jdbc.query(UPDATE, row, COMMIT_LOCK_KEY, text,
                    labels(meta), ownerUids(meta), nodeName(body), u.id(), u.expectedResourceVersion(),
                    m.resource(), namespace, name);
        } else {
            Mutation.Delete d = (Mutation.Delete) m;
            result = jdbc.query(DELETE, row, COMMIT_LOCK_KEY, text,
                    d.id(), d.expectedResourceVersion(), m.resource(), namespace, name);
        }
        if (result.isEmpty()) {
            throw new StaleWriteException(key);
        }
        Written w = result.get(0);
        meta.put("resourceVersion", Long.toString(w.resourceVersion()));
        return new StoredObject(w.id(), m.resource(), namespace, name, uid, w.resourceVersion(), body);
    }

    /** Drops change-log rows older than the retention, keeping at least {@code minRows} of the newest. */
    public int compact(java.time.Duration retention, int minRows) {
        return compact(retention, minRows, Long.MAX_VALUE);
    }

    /**
     * As {@link #compact(java.time.Duration, int)}, but never deletes past {@code through}, e.g. the
     * last resourceVersion the Kafka relay has published.
     *
     * <p>Which resourceVersion is old enough comes from {@link CompactionCheckpoints}, not from a
     * scan; only the first run after a start looks at the rows' commit times (a scan of the log). The compaction
     * point is committed before the rows are deleted, in slices, so a watch reading the log
     * meanwhile sees 410 rather than a gap, and no single statement holds the table long.
     */
    public int compact(java.time.Duration retention, int minRows, long through) {
        long newest = latestResourceVersion();
        Instant now = clock.instant();
        if (checkpoints.isEmpty() && !retention.isZero()) {
            checkpoints.record(now.minus(retention), jdbc.queryForObject(
                    "SELECT COALESCE(MAX(resource_version), 0) FROM changes WHERE committed_at < now() - make_interval(secs => ?)",
                    Long.class, (double) retention.toSeconds()));
        }
        checkpoints.record(now, newest);
        long aged = checkpoints.agedThrough(now, retention);
        long cutoff = Math.min(aged, Math.min(newest - minRows, through));
        long from = compactedThrough();
        if (cutoff <= from) {
            return 0;
        }
        jdbc.update("UPDATE compaction SET compacted_through = GREATEST(compacted_through, ?) WHERE id = 1", cutoff);
        int removed = 0;
        for (long low = from; low < cutoff; low += COMPACTION_SLICE) {
            removed += jdbc.update("DELETE FROM changes WHERE resource_version > ? AND resource_version <= ?",
                    low, Math.min(cutoff, low + COMPACTION_SLICE));
        }
        return removed;
    }

    private StoredObject decodeRow(ResultSet rs, int row) throws SQLException {
        return new StoredObject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), (ObjectNode) json.readTree(rs.getString(7)));
    }

    private Change decodeChange(ResultSet rs, int row) throws SQLException {
        return new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                (ObjectNode) json.readTree(rs.getString(6)));
    }

    private StoredObject decode(ObjectRecord r) {
        ObjectNode body = (ObjectNode) json.readTree(r.body());
        return new StoredObject(r.id(), r.resource(), r.namespace(), r.name(), r.uid(), r.resourceVersion(), body);
    }

    private static ObjectNode metadata(ObjectNode body) {
        JsonNode meta = body.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return body.putObject("metadata");
    }

    private String labels(ObjectNode meta) {
        JsonNode labels = meta.get("labels");
        return labels != null && labels.isObject() ? json.writeValueAsString(labels) : "{}";
    }

    private String ownerUids(ObjectNode meta) {
        ArrayNode uids = json.createArrayNode();
        for (JsonNode ref : meta.path("ownerReferences")) {
            if (ref.hasNonNull("uid")) {
                uids.add(ref.get("uid").asString());
            }
        }
        return json.writeValueAsString(uids);
    }

    private static String nodeName(ObjectNode body) {
        JsonNode n = body.path("spec").path("nodeName");
        return n.isString() && !n.asString().isEmpty() ? n.asString() : null;
    }
}
