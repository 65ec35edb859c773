package io.kubelite.replication.rollingupdate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ./kubelite rolling-update OLD -f FILE [-n NAMESPACE] [--timeout 5m]}: replaces the pods
 * of ReplicationController OLD with those of the ReplicationController in FILE one by one
 * ({@link RollingUpdateStep}), counting a new pod only once it is Ready, then deletes OLD — the
 * operation kubectl's removed {@code rolling-update} performed. Talks to the cluster of
 * {@code $KUBECONFIG}.
 */
public final class RollingUpdateCommand {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final PrintStream out;

    RollingUpdateCommand(KubernetesClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String old = null;
        String file = null;
        String namespace = null;
        Duration timeout = Duration.ofMinutes(5);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f", "--filename" -> file = args[++i];
                case "-n", "--namespace" -> namespace = args[++i];
                case "--timeout" -> timeout = Duration.parse("PT" + args[++i].toUpperCase());
                default -> old = args[i];
            }
        }
        if (old == null || file == null) {
            System.err.println("Usage: ./kubelite rolling-update OLD_CONTROLLER_NAME -f NEW_CONTROLLER_FILE [-n NAMESPACE] [--timeout 5m]");
            System.exit(2);
        }
        quietLogging();
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            String ns = namespace != null ? namespace : Objects.requireNonNullElse(client.getNamespace(), "default");
            int code = new RollingUpdateCommand(client, System.out).run(ns, old, Path.of(file), timeout);
            System.exit(code);
        }
    }

    /** A command line prints its own lines, not the client library's debug log. */
    private static void quietLogging() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    int run(String ns, String oldName, Path file, Duration timeout) throws Exception {
        HasMetadata parsed = client.getKubernetesSerialization().unmarshal(Files.readString(file));
        if (!(parsed instanceof ReplicationController next)) {
            System.err.println("error: " + file + " must contain a ReplicationController, not " + parsed.getKind());
            return 1;
        }
        ReplicationController old = client.replicationControllers().inNamespace(ns).withName(oldName).get();
        if (old == null) {
            System.err.println("error: replicationcontrollers \"" + oldName + "\" not found");
            return 1;
        }
        String newName = next.getMetadata().getName();
        if (newName.equals(oldName)) {
            System.err.println("error: " + file + " must specify a matching key with non-equal value in Selector for "
                    + oldName + " (the new controller needs its own name and selector)");
            return 1;
        }
        Map<String, String> oldSelector = old.getSpec().getSelector();
        if (next.getSpec().getSelector() != null && next.getSpec().getSelector().equals(oldSelector)) {
            System.err.println("error: " + file + " must specify a matching key with non-equal value in Selector for "
                    + oldName);
            return 1;
        }
        int desired = next.getSpec().getReplicas() == null ? 1 : next.getSpec().getReplicas();
        next.getMetadata().setNamespace(ns);
        next.getSpec().setReplicas(0);
        if (client.replicationControllers().inNamespace(ns).withName(newName).get() == null) {
            client.replicationControllers().inNamespace(ns).resource(next).create();
            out.println("Created " + newName);
        }
        int oldReplicas = replicas(ns, oldName);
        out.printf("Scaling up %s from 0 to %d, scaling down %s from %d to 0 (keep %d pods available, don't exceed %d pods)%n",
                newName, desired, oldName, oldReplicas, desired, desired + 1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ReplicationController o = client.replicationControllers().inNamespace(ns).withName(oldName).get();
            ReplicationController n = client.replicationControllers().inNamespace(ns).withName(newName).get();
            int newReady = n.getStatus() == null || n.getStatus().getReadyReplicas() == null ? 0 : n.getStatus().getReadyReplicas();
            RollingUpdateStep step = RollingUpdateStep.next(desired, o.getSpec().getReplicas(), n.getSpec().getReplicas(), newReady);
            if (step instanceof RollingUpdateStep.Done) {
                break;
            }
            if (step instanceof RollingUpdateStep.ScaleNewUp up) {
                client.replicationControllers().inNamespace(ns).withName(newName).scale(up.to());
                out.println("Scaling " + newName + " up to " + up.to());
            } else if (step instanceof RollingUpdateStep.ScaleOldDown down) {
                client.replicationControllers().inNamespace(ns).withName(oldName).scale(down.to());
                out.println("Scaling " + oldName + " down to " + down.to());
            } else if (System.nanoTime() > deadline) {
                System.err.println("error: timed out waiting for " + newName + " to have " + n.getSpec().getReplicas()
                        + " ready pods (has " + newReady + ")");
                return 1;
            } else {
                Thread.sleep(POLL.toMillis());
            }
        }
        out.println("Update succeeded. Deleting " + oldName);
        client.replicationControllers().inNamespace(ns).withName(oldName).delete();
        out.println("replicationcontroller/" + oldName + " rolling updated to \"" + newName + "\"");
        return 0;
    }

    private int replicas(String ns, String name) {
        Integer r = client.replicationControllers().inNamespace(ns).withName(name).get().getSpec().getReplicas();
        return r == null ? 1 : r;
    }
}
