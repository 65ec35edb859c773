package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The EndpointSlices a Service with a selector should have, as kube-controller-manager's
 * EndpointSlice controller computes them: one slice per set of resolved ports (the same grouping
 * as {@link EndpointsFor}'s subsets), each endpoint one pod's address with its readiness,
 * hostname, node and pod; a Service that selects no pod keeps one empty slice.
 */
final class EndpointSlicesFor {

    /** More endpoints than this go to another slice of the same ports (kube's --max-endpoints-per-slice). */
    static final int MAX_ENDPOINTS_PER_SLICE = 100;

    /** One slice; {@code part} numbers the slices of the same ports beyond the first hundred endpoints. */
    record Slice(List<EndpointPort> ports, int part, List<Endpoint> endpoints) {

        /**
         * {@code <service>-<5 hex digits of the ports and part>}: the same slice gets the same name
         * on every pass, so a pass working from a cache behind its own writes meets a conflict
         * instead of creating a second slice.
         */
        String name(String service) {
            StringBuilder key = new StringBuilder();
            ports.forEach(p -> key.append(p.getName()).append('/').append(p.getProtocol()).append('/').append(p.getPort()).append(';'));
            key.append('#').append(part);
            String hash = String.format("%08x", key.toString().hashCode());
            return service + "-" + hash.substring(hash.length() - 5);
        }
    }

    private EndpointSlicesFor() {
    }

    static List<Slice> slices(Service service, List<Pod> pods) {
        List<Slice> slices = fromSubsets(EndpointsFor.subsets(service, pods));
        if (slices.isEmpty()) {
            slices.add(new Slice(List.of(), 0, List.of()));
        }
        return slices;
    }

    /** The slices that carry the same addresses and ports as these Endpoints subsets (also how hand-written Endpoints are mirrored). */
    static List<Slice> fromSubsets(List<EndpointSubset> subsets) {
        List<Slice> slices = new ArrayList<>();
        for (EndpointSubset subset : subsets) {
            List<EndpointPort> ports = subset.getPorts() == null ? List.of() : subset.getPorts().stream()
                    .map(p -> new EndpointPortBuilder().withName(p.getName() == null ? "" : p.getName()).withPort(p.getPort())
                            .withProtocol(p.getProtocol()).withAppProtocol(p.getAppProtocol()).build())
                    .toList();
            List<Endpoint> endpoints = new ArrayList<>();
            (subset.getAddresses() == null ? List.<EndpointAddress>of() : subset.getAddresses())
                    .forEach(a -> endpoints.add(endpoint(a, true)));
            (subset.getNotReadyAddresses() == null ? List.<EndpointAddress>of() : subset.getNotReadyAddresses())
                    .forEach(a -> endpoints.add(endpoint(a, false)));
            endpoints.sort(Comparator.comparing(e -> e.getAddresses().get(0)));
            for (int i = 0; i < endpoints.size(); i += MAX_ENDPOINTS_PER_SLICE) {
                slices.add(new Slice(ports, i / MAX_ENDPOINTS_PER_SLICE,
                        List.copyOf(endpoints.subList(i, Math.min(endpoints.size(), i + MAX_ENDPOINTS_PER_SLICE)))));
            }
        }
        return slices;
    }

    private static Endpoint endpoint(EndpointAddress address, boolean ready) {
        return new EndpointBuilder().withAddresses(address.getIp())
                .withNewConditions().withReady(ready).withServing(ready).withTerminating(false).endConditions()
                .withHostname(address.getHostname()).withNodeName(address.getNodeName())
                .withTargetRef(address.getTargetRef()).build();
    }
}
