package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.ListQuery;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives Services their ClusterIP (from the configured range, default {@code 10.96.0.0/16}) and
 * NodePorts (30000-32767), and rejects ones that are taken or out of range, as
 * kube-apiserver's allocators do.
 */
@Component
public class ServiceAllocator {

    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;

    private final ObjectStore store;
    private final long base;
    private final int size;
    private final String range;
    private final SecureRandom random = new SecureRandom();

    public ServiceAllocator(ObjectStore store,
                            @Value("${kubelite.services.cluster-ip-range:10.96.0.0/16}") String range) {
        this.store = store;
        this.range = range;
        String[] parts = range.split("/");
        this.base = toLong(parts[0]);
        this.size = 1 << (32 - Integer.parseInt(parts[1]));
    }

    /** Fills in clusterIP(s) and node ports of a Service about to be created or changed. */
    public void allocate(ObjectNode service, JsonNode old) {
        ObjectNode spec = service.withObjectProperty("spec");
        String type = spec.path("type").asString("ClusterIP");
        String name = service.path("metadata").path("name").asString("");
        String self = service.path("metadata").path("namespace").asString("") + "/" + name;
        Set<Long> usedIps = new HashSet<>();
        Set<Integer> usedPorts = new HashSet<>();
        for (StoredObject s : store.list(ListQuery.all("services", null)).items()) {
            if ((s.namespace() + "/" + s.name()).equals(self)) {
                continue;
            }
            String ip = s.body().path("spec").path("clusterIP").asString("");
            if (!ip.isEmpty() && !ip.equals("None")) {
                usedIps.add(toLong(ip));
            }
            for (JsonNode p : s.body().path("spec").path("ports")) {
                if (p.path("nodePort").asInt(0) > 0) {
                    usedPorts.add(p.path("nodePort").asInt());
                }
            }
        }
        List<ApiException.Cause> causes = new ArrayList<>();
        if (!type.equals("ExternalName")) {
            String ip = spec.path("clusterIP").asString("");
            if (ip.isEmpty()) {
                ip = old == null ? "" : old.path("spec").path("clusterIP").asString("");
            }
            if (ip.isEmpty()) {
                ip = freeIp(usedIps, name);
            } else if (!ip.equals("None")) {
                long value = toLong(ip);
                if (value <= base || value >= base + size - 1) {
                    causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + ip
                            + "\": provided IP is not in the valid range. The range of valid IPs is " + range,
                            "spec.clusterIPs"));
                } else if (usedIps.contains(value)) {
                    causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + ip
                            + "\": provided IP is already allocated", "spec.clusterIPs"));
                }
            }
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        }
        boolean wantsNodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
        if (spec.get("ports") instanceof ArrayNode ports) {
            for (int i = 0; i < ports.size(); i++) {
                ObjectNode port = (ObjectNode) ports.get(i);
                int nodePort = port.path("nodePort").asInt(0);
                if (!wantsNodePorts) {
                    continue;
                }
                if (nodePort == 0) {
                    nodePort = oldNodePort(old, port);
                }
                if (nodePort == 0) {
                    nodePort = freePort(usedPorts, name);
                } else if (usedPorts.contains(nodePort)) {
                    causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + nodePort
                            + ": provided port is already allocated", "spec.ports[" + i + "].nodePort"));
                }
                usedPorts.add(nodePort);
                port.put("nodePort", nodePort);
            }
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid("", "Service", name, causes);
        }
    }

    private static int oldNodePort(JsonNode old, JsonNode port) {
        if (old == null) {
            return 0;
        }
        for (JsonNode p : old.path("spec").path("ports")) {
            if (p.path("port").asInt() == port.path("port").asInt()) {
                return p.path("nodePort").asInt(0);
            }
        }
        return 0;
    }

    /**
     * A random free address of the range's upper band; the lower band (Kubernetes' static
     * subrange: size/16 addresses, at least 16 and at most 256) is taken only once the upper one is
     * full, so the addresses users and the cluster ask for by number — 10.96.0.1 for the API's own
     * Service, 10.96.0.10 for the cluster DNS — are free when they are asked for.
     */
    private String freeIp(Set<Long> used, String name) {
        long staticBand = Math.min(Math.max(16, size / 16), 256);
        long upper = size - 1 - staticBand;
        for (int attempt = 0; attempt < size * 2; attempt++) {
            long candidate = upper > 0 ? base + staticBand + random.nextInt((int) upper) : base + 1 + random.nextInt(size - 2);
            if (!used.contains(candidate)) {
                return toIp(candidate);
            }
        }
        for (long candidate = base + 1; candidate < base + size - 1; candidate++) {
            if (!used.contains(candidate)) {
                return toIp(candidate);
            }
        }
        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP for "
                + name + ": range is full", "", "services", name, List.of());
    }

    /** The range's first address, the API server's own Service's ClusterIP (10.96.0.1 in 10.96.0.0/16). */
    public String firstIp() {
        return toIp(base + 1);
    }

    private int freePort(Set<Integer> used, String name) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int candidate = NODE_PORT_MIN + random.nextInt(NODE_PORT_MAX - NODE_PORT_MIN + 1);
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a nodePort for "
                + name + ": range is full", "", "services", name, List.of());
    }

    static long toLong(String ip) {
        String[] p = ip.split("\\.");
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String part : p) {
            v = (v << 8) | (Long.parseLong(part) & 0xff);
        }
        return v;
    }

    static String toIp(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }
}
