package io.kubelite.nodeagent;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.nodeagent.api.ApiConfigLookup;
import io.kubelite.nodeagent.api.PodInformer;
import io.kubelite.nodeagent.metrics.KafkaSink;
import io.kubelite.nodeagent.ingress.IngressController;
import io.kubelite.nodeagent.ingress.IngressProperties;
import io.kubelite.nodeagent.netpol.Iptables;
import io.kubelite.nodeagent.netpol.NetworkPolicyEnforcer;
import io.kubelite.nodeagent.netpol.NetworkPolicyProperties;
import io.kubelite.nodeagent.netpol.NodeAddresses;
import io.kubelite.nodeagent.node.NodeDescription;
import io.kubelite.nodeagent.pod.ConfigLookup;
import io.kubelite.nodeagent.proxy.ConnectionPolicy;
import io.kubelite.nodeagent.proxy.LoopbackAddresses;
import io.kubelite.nodeagent.proxy.ProxyProperties;
import io.kubelite.nodeagent.proxy.ServiceProxy;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.docker.DockerRuntime;
import io.kubelite.nodeagent.runtime.image.PauseImage;
import io.kubelite.nodeagent.runtime.simulated.SimulatedRuntime;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The nodes this JVM runs: one on Docker, or {@code simulated-count} simulated ones. They start
 * once the HTTP server listens, because the Node publishes its port (daemonEndpoints) for logs.
 */
@Component
public final class NodeAgents implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgents.class);
    private static final String DEFAULT_KAFKA = "127.0.0.1:19092";
    /** How often the Services and Endpoints informers replay their caches; the proxy checks its state every sync period anyway. */
    private static final Duration INFORMER_RESYNC = Duration.ofMinutes(5);
    private static final Duration SERVICES_SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final NodeAgentProperties properties;
    private final List<NodeAgent> agents = new ArrayList<>();
    private ContainerRuntime runtime;
    private KubernetesClient client;
    private PodInformer informer;
    private KafkaSink metricsSink;
    private final ExecutorService samplers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "stats-sampler");
        t.setDaemon(true);
        return t;
    });

    private final ProxyProperties proxyProperties;
    private final NetworkPolicyProperties networkPolicyProperties;
    private final IngressProperties ingressProperties;
    private InformerFactory clusterInformers;
    private IngressController ingress;
    private ServiceProxy proxy;
    /** The events of the proxy's load balancer (kube's service controller's); null without one. */
    private ApiEventRecorder serviceEvents;
    private NetworkPolicyEnforcer networkPolicies;

    public NodeAgents(NodeAgentProperties properties, ProxyProperties proxyProperties,
            NetworkPolicyProperties networkPolicyProperties, IngressProperties ingressProperties) {
        this.ingressProperties = ingressProperties;
        this.properties = properties;
        this.proxyProperties = proxyProperties;
        this.networkPolicyProperties = networkPolicyProperties;
    }

    @Override
    public synchronized void onApplicationEvent(WebServerInitializedEvent event) {
        if (!agents.isEmpty() || event.getApplicationContext().getParent() != null) {
            return;
        }
        int port = event.getWebServer().getPort();
        boolean simulated = "simulated".equals(properties.runtime());
        String clusterId = clusterId(properties);
        runtime = simulated ? new SimulatedRuntime() : new DockerRuntime(properties.dockerHost());
        if (!simulated) {
            PauseImage.ensure(runtime, properties.pauseImage(), Path.of(properties.busyboxPath()));
        }
        client = ClusterConnection.fromEnvironment().newClient("node-agent");
        List<String> names = new ArrayList<>();
        if (simulated && properties.simulatedCount() > 1) {
            for (int i = 1; i <= properties.simulatedCount(); i++) {
                names.add(properties.name() + "-" + i);
            }
        } else {
            names.add(properties.name());
        }
        informer = new PodInformer(client, names.size() == 1 ? names.get(0) : null,
                properties.syncInterval().toMillis());
        String kafka = System.getenv("KUBELITE_KAFKA_BOOTSTRAP_SERVERS");
        if (kafka != null && !kafka.isEmpty()) {
            metricsSink = new KafkaSink(kafka, properties.metricsTopic(), "node-agent-" + properties.name());
        }
        String kafkaServers = kafka == null || kafka.isEmpty() ? DEFAULT_KAFKA : kafka;
        Informer<Service> services = simulated ? null : serviceInformer(kafkaServers);
        ConfigLookup config = new ApiConfigLookup(client, services == null ? null : services.lister());
        ContainerRuntime.HostInfo host = runtime.host();
        String runtimeVersion = runtime.version();
        for (String name : names) {
            NodeDescription.Facts facts = new NodeDescription.Facts(name, properties.labels(), properties.address(),
                    properties.cpu().isEmpty() ? Integer.toString(host.cpus()) : properties.cpu(),
                    properties.memory().isEmpty() ? NodeDescription.memoryQuantity(host.memoryBytes()) : properties.memory(),
                    properties.maxPods(), port, host, runtimeVersion);
            agents.add(new NodeAgent(name, clusterId, properties, runtime, client, informer, config, stateDir(name),
                    () -> facts, metricsSink, samplers));
        }
        informer.start();
        for (NodeAgent agent : agents) {
            agent.start();
        }
        if (!simulated && networkPolicyProperties.enabled()) {
            startNetworkPolicies(clusterId);
        }
        if (!simulated && proxyProperties.enabled()) {
            startProxy(clusterId, services);
        }
        if (!simulated && ingressProperties.enabled()) {
            startIngress(services);
        }
        LOG.atInfo().addKeyValue("nodes", names.size()).addKeyValue("runtime", properties.runtime())
                .addKeyValue("cluster", clusterId).addKeyValue("port", port).log("Node agents running");
    }

    /**
     * The Services informer (on the change stream) that containers' Service variables and the
     * proxy read; the agents start once it has listed, so that the first pods get the variables of
     * Services that already exist, as the kubelet waits for its service lister.
     */
    private Informer<Service> serviceInformer(String kafka) {
        clusterInformers = new InformerFactory(client, kafka, INFORMER_RESYNC);
        Informer<Service> services = clusterInformers.informerFor(Service.class);
        services.start();
        try {
            if (!services.waitForSync(SERVICES_SYNC_TIMEOUT)) {
                LOG.atWarn().log("Services not listed within " + SERVICES_SYNC_TIMEOUT.toSeconds()
                        + " s; pods started before they are get no Service variables");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return services;
    }

    /**
     * The Service proxy of this host, fed by the Services informer and an Endpoints one; NodePorts
     * listen on the configured addresses, else on the node's address.
     */
    private void startProxy(String clusterId, Informer<Service> services) {
        Informer<Endpoints> endpoints = clusterInformers.informerFor(Endpoints.class);
        List<String> nodePorts = proxyProperties.nodePortAddresses().isEmpty() ? List.of(properties.address())
                : proxyProperties.nodePortAddresses();
        LoopbackAddresses addresses = new LoopbackAddresses(addressLabelId(clusterId));
        Path labelFile = stateDir(properties.name()).getParent().resolve(ServiceProxy.LABEL_FILE);
        try {
            Files.createDirectories(labelFile.getParent());
            Files.writeString(labelFile, addresses.label() + "\n");
        } catch (IOException e) {
            LOG.atWarn().log("Cannot write " + labelFile + " (./kubelite down reads it to remove the ClusterIP addresses): "
                    + e.getMessage());
        }
        NetworkPolicyEnforcer policies = networkPolicies;
        ConnectionPolicy policy = policies == null ? ConnectionPolicy.OPEN
                : (client, backend, protocol, port) -> policies.model().allows(client, backend, protocol, port);
        if (proxyProperties.loadBalancer()) {
            serviceEvents = new ApiEventRecorder(client, "service-controller", properties.name(), Clock.systemUTC());
            proxy = new ServiceProxy(services, endpoints, addresses, nodePorts, proxyProperties, policy, Clock.systemUTC(),
                    client, serviceEvents);
        } else {
            proxy = new ServiceProxy(services, endpoints, addresses, nodePorts, proxyProperties, policy, Clock.systemUTC());
        }
        proxy.start();
        endpoints.start();
    }

    /**
     * NetworkPolicy enforcement for this node's pods (one Docker node per JVM), fed by informers of
     * every NetworkPolicy, Pod and Namespace; the packet filter only as root.
     */
    private void startNetworkPolicies(String clusterId) {
        Informer<NetworkPolicy> policies = clusterInformers.informerFor(NetworkPolicy.class);
        Informer<Pod> pods = clusterInformers.informerFor(Pod.class);
        Informer<Namespace> namespaces = clusterInformers.informerFor(Namespace.class);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            LOG.atWarn().log("NetworkPolicies hold for connections through Services only, not between pods directly: "
                    + "the node agent is not root, so it cannot program the host's packet filter");
        }
        networkPolicies = new NetworkPolicyEnforcer(clusterId, properties.name(), policies, pods, namespaces,
                () -> NodeAddresses.of(properties.address()), root ? Iptables.host() : null,
                networkPolicyProperties.syncPeriod());
        networkPolicies.start();
        policies.start();
        pods.start();
        namespaces.start();
    }

    /** The ingress controller, on the node's address unless another is configured. */
    private void startIngress(Informer<Service> services) {
        Informer<Ingress> ingresses = clusterInformers.informerFor(Ingress.class);
        Informer<IngressClass> classes = clusterInformers.informerFor(IngressClass.class);
        Informer<Endpoints> endpoints = clusterInformers.informerFor(Endpoints.class);
        String address = ingressProperties.address().isEmpty() ? properties.address() : ingressProperties.address();
        ingress = new IngressController(ingresses, classes, services, endpoints, client, address, ingressProperties.port(),
                ingressProperties.httpsPort());
        ingress.start();
        ingresses.start();
        classes.start();
        endpoints.start();
    }

    /** The cluster id as a ClusterIP address label takes it: 1-10 letters or digits (a configured id that is not is hashed). */
    static String addressLabelId(String clusterId) {
        return clusterId.matches("[A-Za-z0-9]{1,10}") ? clusterId : sha256Hex(clusterId).substring(0, 10);
    }

    public synchronized Optional<NodeAgent> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public synchronized List<NodeAgent> agents() {
        return List.copyOf(agents);
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    private Path stateDir(String name) {
        if (!properties.stateDir().isEmpty()) {
            return Path.of(properties.stateDir()).toAbsolutePath().resolve(name);
        }
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().resolve("node-agent").resolve(name);
    }

    /**
     * The configured id, else the first 10 hex digits of SHA-256 over the cluster's state directory
     * ({@code -Dkubelite.state}, which the kubelite script passes, or the working directory): the
     * e2e cluster and a user's cluster on one machine get different ids.
     */
    static String clusterId(NodeAgentProperties properties) {
        if (!properties.clusterId().isEmpty()) {
            return properties.clusterId();
        }
        String state = System.getProperty("kubelite.state", System.getProperty("user.dir"));
        return sha256Hex(Path.of(state).toAbsolutePath().normalize().toString()).substring(0, 10);
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (serviceEvents != null) {
            serviceEvents.close();
        }
        if (networkPolicies != null) {
            networkPolicies.close();
        }
        if (ingress != null) {
            ingress.close();
        }
        if (clusterInformers != null) {
            clusterInformers.close();
        }
        for (NodeAgent agent : agents) {
            agent.close();
        }
        if (informer != null) {
            informer.close();
        }
        if (metricsSink != null) {
            metricsSink.close();
        }
        samplers.shutdownNow();
        if (client != null) {
            client.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
