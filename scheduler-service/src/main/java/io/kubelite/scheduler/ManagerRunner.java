package io.kubelite.scheduler;

import io.kubelite.controller.manager.ControllerManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the controller manager off the startup thread, so the service reports healthy while its
 * informers list and it waits for the lease.
 */
final class ManagerRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerRunner.class);

    private final ControllerManager manager;
    private final Thread thread;

    ManagerRunner(ControllerManager manager) {
        this.manager = manager;
        this.thread = new Thread(this::run, "controller-manager");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            manager.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Controller manager failed to start", e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
