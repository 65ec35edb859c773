package io.kubelite.dns.server;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster DNS of this replica: the server on the Services and Endpoints caches, and its
 * registration as {@code kube-system/kube-dns}, retried every {@value #RETRY_SECONDS} s until the
 * API takes it.
 */
public final class ClusterDns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);
    static final long RETRY_SECONDS = 5;

    /** Where the server listens and what it registers. */
    public record Settings(String domain, String listenAddress, int port, String advertiseAddress, String clusterIp,
            String upstream) {
    }

    private final DnsServer server;
    private final ScheduledExecutorService registrar = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dns-registration");
        t.setDaemon(true);
        return t;
    });

    public ClusterDns(KubernetesClient client, Informer<Service> services, Informer<Endpoints> endpoints, Settings settings)
            throws IOException {
        ClusterRecords.Directory directory = new ClusterRecords.Directory() {
            @Override
            public Optional<Service> service(String namespace, String name) {
                return services.lister().get(ObjectKey.of(namespace, name));
            }

            @Override
            public Optional<Endpoints> endpoints(String namespace, String name) {
                return endpoints.lister().get(ObjectKey.of(namespace, name));
            }
        };
        this.server = new DnsServer(new ClusterRecords(settings.domain(), directory),
                Upstream.from(settings.upstream(), Path.of("/etc/resolv.conf"), List.of(settings.clusterIp())),
                settings.listenAddress(), settings.port());
        server.start();
        String advertise = settings.advertiseAddress().isEmpty() ? settings.listenAddress() : settings.advertiseAddress();
        registrar.execute(() -> register(client, settings.clusterIp(), advertise, server.port()));
    }

    private void register(KubernetesClient client, String clusterIp, String address, int port) {
        try {
            KubeDnsRegistration.register(client, clusterIp, address, port);
        } catch (RuntimeException e) {
            LOG.atWarn().log("Registering the cluster DNS failed, retrying in " + RETRY_SECONDS + " s: " + e.getMessage());
            registrar.schedule(() -> register(client, clusterIp, address, port), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        registrar.shutdownNow();
        server.close();
    }
}
