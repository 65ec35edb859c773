package io.kubelite.objectstore.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one-active-relay rule: a session-level advisory lock, held by the database session of the
 * relay's dedicated connection. When that session ends (the process dies, the connection drops,
 * an operator terminates the backend) PostgreSQL releases the lock, and the next standby that
 * tries it, at most one retry interval later, becomes the active relay.
 */
final class RelayLock {

    /** Arbitrary, fixed key ("kuberely"), distinct from the commit lock. */
    static final long KEY = 0x6b75_6265_7265_6c79L;

    private RelayLock() {
    }

    static boolean tryAcquire(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, KEY);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static void release(Connection connection) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, KEY);
            s.executeQuery().close();
        }
    }
}
