package io.kubelite.controller.manager;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.leader.LeaderElection;
import io.kubelite.controller.reconcile.Controller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a service's controllers the way kube-controller-manager does: starts the informers,
 * waits until each has listed, then stands for leader election on the Lease
 * {@code kube-system/<leaseName>}; while leading, runs the controllers made by
 * {@code controllers}. Standbys keep their informers warm, so a new leader starts from a full
 * cache. Losing the lease stops the controllers; leading again makes fresh ones.
 *
 * <p>Controllers must be built (their handlers registered) before {@link #start} for their
 * informers to exist; the supplier is called once per term of leadership, the first time
 * during {@code start} so that handlers are registered before the informers sync.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);

    private final String name;
    private final InformerFactory informers;
    private final Supplier<List<Controller>> controllerFactory;
    private final LeaderElection election;
    private final List<Controller> running = new ArrayList<>();
    private List<Controller> prepared;
    private boolean leading;

    public ControllerManager(String name, KubernetesClient client, InformerFactory informers, String leaseName,
            LeaderElection.Timing timing, Supplier<List<Controller>> controllers) {
        this.name = name;
        this.informers = informers;
        this.controllerFactory = controllers;
        this.election = leaseName == null ? null
                : new LeaderElection(client, "kube-system", leaseName, identity(), timing,
                        this::startControllers, this::stopControllers);
    }

    public ControllerManager(String name, KubernetesClient client, InformerFactory informers, String leaseName,
            Supplier<List<Controller>> controllers) {
        this(name, client, informers, leaseName, LeaderElection.Timing.DEFAULTS, controllers);
    }

    /** {@code hostname_uuid}, as client-go's leader election identities look. */
    static String identity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = ManagementFactory.getRuntimeMXBean().getName();
        }
        return host + "_" + UUID.randomUUID();
    }

    public boolean isLeader() {
        return election == null || election.isLeader();
    }

    public void start() throws InterruptedException {
        synchronized (this) {
            prepared = controllerFactory.get();
        }
        informers.start();
        if (!informers.waitForSync(SYNC_TIMEOUT)) {
            throw new IllegalStateException(name + ": informers did not sync within " + SYNC_TIMEOUT);
        }
        LOG.atInfo().addKeyValue("manager", name).log("Informers synced");
        if (election == null) {
            startControllers();
        } else {
            election.start();
        }
    }

    /**
     * {@link #start} on a thread of its own, so a service reports healthy while its informers
     * list and it waits for the lease. A failure to start is logged.
     */
    public void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("manager", name).setCause(e).log("Controller manager failed to start");
            }
        }, name + "-manager");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void startControllers() {
        List<Controller> controllers = prepared != null ? prepared : controllerFactory.get();
        prepared = null;
        controllers.forEach(Controller::start);
        running.addAll(controllers);
        leading = true;
        LOG.atInfo().addKeyValue("manager", name).addKeyValue("controllers", controllers.size()).log("Controllers started");
    }

    /**
     * Runs a controller made during a term of leadership (for a kind that appeared after the
     * term began): started now and stopped with the term. Outside a term it is not started; the
     * next term's controllers come from {@code controllers} again.
     */
    public synchronized void adopt(Controller controller) {
        if (!leading) {
            return;
        }
        controller.start();
        running.add(controller);
    }

    private synchronized void stopControllers() {
        leading = false;
        for (Controller controller : running) {
            try {
                controller.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }

    @Override
    public void close() {
        if (election != null) {
            election.close();
        }
        stopControllers();
        informers.close();
    }
}
