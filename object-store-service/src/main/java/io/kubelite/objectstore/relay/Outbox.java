package io.kubelite.objectstore.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log and the relay's progress, read and written over the connection that holds the
 * relay lock, so a relay whose session is gone can neither read on nor move the progress.
 *
 * <p>Reading in resourceVersion order never skips a late commit: commits draw their
 * resourceVersion under the commit lock and hold it until they commit, so once change N+1 is
 * visible every change up to N that will ever exist is visible too. Rolled-back changes are never
 * visible at all. Gaps in the numbers are rolled-back commits and are simply passed over.
 *
 * <p>The objects go out without {@code metadata.managedFields}, as client-go's informers in
 * kube-controller-manager and kube-scheduler drop them: only controllers read Kafka, none reads
 * the field entries, a write that omits them keeps the stored ones, and they are often as large as
 * the rest of the object (a pod's creator entry lists every field it set or defaulted). Watches
 * through the API are served from the change log with the entries, as every read through the API.
 * PostgreSQL removes them while it renders the row as text anyway.
 */
final class Outbox implements AutoCloseable {

    private final PreparedStatement changesAfter;
    private final PreparedStatement progress;
    private final PreparedStatement recordProgress;

    Outbox(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        // The progress row need not be durable at once: a progress lost in a crash makes the next
        // relay publish those events again (consumers drop what they have seen), so its commits
        // do not wait for the WAL flush the object writes wait for.
        try (var statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit TO off");
        }
        this.changesAfter = connection.prepareStatement("SELECT resource_version, resource, namespace, name, type, "
                + "object ->> 'apiVersion', (object #- '{metadata,managedFields}')::text FROM changes "
                + "WHERE resource_version > ? "
                + "ORDER BY resource_version LIMIT ?");
        this.progress = connection.prepareStatement("SELECT published_through FROM relay_progress WHERE id = 1");
        this.recordProgress = connection.prepareStatement("UPDATE relay_progress SET published_through = ?, "
                + "updated_at = now() WHERE id = 1 AND published_through < ?");
    }

    /** Every change up to this resourceVersion has been acknowledged by Kafka. */
    long publishedThrough() throws SQLException {
        try (ResultSet rs = progress.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("relay_progress has no row with id 1; migration V2__relay_progress.sql not applied?");
            }
            return rs.getLong(1);
        }
    }

    /** The next committed changes after {@code resourceVersion}, oldest first. */
    List<OutboxRecord> changesAfter(long resourceVersion, int limit) throws SQLException {
        changesAfter.setLong(1, resourceVersion);
        changesAfter.setInt(2, limit);
        List<OutboxRecord> batch = new ArrayList<>();
        try (ResultSet rs = changesAfter.executeQuery()) {
            while (rs.next()) {
                batch.add(new OutboxRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        return batch;
    }

    /** Moves the progress forward (never back) once Kafka has acknowledged everything up to {@code resourceVersion}. */
    void recordPublished(long resourceVersion) throws SQLException {
        recordProgress.setLong(1, resourceVersion);
        recordProgress.setLong(2, resourceVersion);
        recordProgress.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        try (changesAfter; progress; recordProgress) {
            // closes the statements, first failure wins
        }
    }
}
