package io.kubelite.objectstore.storage;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * LISTENs on the channel every commit NOTIFYs, so watchers served by this replica wake up for
 * commits made by any replica. Commits made here also signal directly, after their transaction;
 * this listener is what makes a second API server replica see them within milliseconds instead of
 * at the watchers' one-second poll.
 */
@Component
class ChangeNotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotificationListener.class);
    static final String CHANNEL = "kubelite_changes";

    private final DataSource dataSource;
    private final ChangeSignal signal;
    private volatile boolean running;
    private Thread thread;

    ChangeNotificationListener(DataSource dataSource, ChangeSignal signal) {
        this.dataSource = dataSource;
        this.signal = signal;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "change-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        try {
                            signal.advance(Long.parseLong(n.getParameter()));
                        } catch (NumberFormatException ignored) {
                            // not one of ours
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("change notifications interrupted ({}); reconnecting in 1 s", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }
}
