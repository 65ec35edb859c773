package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A pod's resolv.conf, as the kubelet writes it from {@code dnsPolicy} and {@code dnsConfig}.
 *
 * <p>Example: a pod in namespace {@code shop} with the default policy ClusterFirst, cluster DNS
 * 10.96.0.10 and domain cluster.local gets {@code nameserver 10.96.0.10},
 * {@code search shop.svc.cluster.local svc.cluster.local cluster.local}, {@code options ndots:5};
 * with {@code dnsConfig.options [{name: ndots, value: "2"}]} the option becomes {@code ndots:2}.
 * Policy Default keeps the node's own resolv.conf (null: Docker's copy of it) unless dnsConfig adds
 * to it; None takes everything from dnsConfig. ClusterFirst without a cluster DNS falls back to
 * Default, as the kubelet does.
 */
public final class PodDns {

    /** The kubelet's limits: nameservers beyond three and search domains beyond 32 are dropped. */
    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;

    private PodDns() {
    }

    /**
     * @param clusterDns the cluster DNS Service's ClusterIP, or null when there is none
     * @param host       the node's resolv.conf, the base of policy Default (read only when dnsConfig adds to it)
     */
    public static ContainerSpec.Dns of(Pod pod, String clusterDns, String clusterDomain, Supplier<ContainerSpec.Dns> host) {
        String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
        PodDNSConfig config = pod.getSpec().getDnsConfig();
        ContainerSpec.Dns base;
        switch (policy) {
            case "None" -> base = new ContainerSpec.Dns(List.of(), List.of(), List.of());
            case "ClusterFirst", "ClusterFirstWithHostNet" -> {
                if (clusterDns == null || (Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) && policy.equals("ClusterFirst"))) {
                    base = config == null ? null : host.get();
                } else {
                    String namespace = pod.getMetadata().getNamespace();
                    base = new ContainerSpec.Dns(List.of(clusterDns),
                            List.of(namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain),
                            List.of("ndots:5"));
                }
            }
            default -> base = config == null ? null : host.get();
        }
        if (base == null || config == null) {
            return base;
        }
        return merge(base, config);
    }

    /** dnsConfig's nameservers and searches after the base's (each once); its options replace the base's of the same name. */
    static ContainerSpec.Dns merge(ContainerSpec.Dns base, PodDNSConfig config) {
        LinkedHashSet<String> nameservers = new LinkedHashSet<>(base.nameservers());
        if (config.getNameservers() != null) {
            nameservers.addAll(config.getNameservers());
        }
        LinkedHashSet<String> searches = new LinkedHashSet<>(base.searches());
        if (config.getSearches() != null) {
            searches.addAll(config.getSearches());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : base.options()) {
            int colon = option.indexOf(':');
            options.put(colon < 0 ? option : option.substring(0, colon), option);
        }
        if (config.getOptions() != null) {
            for (PodDNSConfigOption option : config.getOptions()) {
                String value = option.getValue();
                options.put(option.getName(), value == null || value.isEmpty() ? option.getName() : option.getName() + ":" + value);
            }
        }
        return new ContainerSpec.Dns(new ArrayList<>(nameservers).subList(0, Math.min(MAX_NAMESERVERS, nameservers.size())),
                new ArrayList<>(searches).subList(0, Math.min(MAX_SEARCHES, searches.size())), new ArrayList<>(options.values()));
    }

    /** A resolv.conf's nameservers, search domains and options. */
    public static ContainerSpec.Dns parseResolvConf(String text) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || f[0].startsWith("#")) {
                continue;
            }
            List<String> rest = List.of(f).subList(1, f.length);
            switch (f[0]) {
                case "nameserver" -> nameservers.add(f[1]);
                case "search", "domain" -> searches.addAll(rest);
                case "options" -> options.addAll(rest);
                default -> { }
            }
        }
        return new ContainerSpec.Dns(nameservers, searches, options);
    }
}
