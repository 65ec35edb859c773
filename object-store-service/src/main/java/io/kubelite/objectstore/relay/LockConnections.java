package io.kubelite.objectstore.relay;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens the connection whose database session holds the relay lock. */
@FunctionalInterface
interface LockConnections {

    Connection open() throws SQLException;

    /**
     * A connection of its own, outside the pool, to the pool's database: closing it ends the
     * session and so releases the lock, which returning a pooled connection would not.
     */
    static LockConnections dedicatedTo(DataSource dataSource) {
        if (!(dataSource instanceof HikariDataSource hikari)) {
            return dataSource::getConnection;
        }
        return () -> {
            Properties properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", "kubelite-outbox-relay");
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", "60");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        };
    }
}
