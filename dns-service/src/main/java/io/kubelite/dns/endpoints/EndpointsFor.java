package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subsets of a Service's Endpoints, as the Kubernetes endpoints controller computes them:
 * every pod that matches the selector, has an IP and is not terminating or finished becomes an
 * address, ready ones under {@code addresses} and the others under {@code notReadyAddresses}
 * (all ready when {@code publishNotReadyAddresses}); each service port resolves its
 * {@code targetPort} in the pod (a number as is, a name through the containers' named ports —
 * a pod without that name is left out for that port). Addresses with the same resolved ports
 * share a subset; addresses and subsets are sorted, so the same pods always give the same
 * object. Example: pods a (10.0.0.2, ready) and b (10.0.0.3, not ready), both with port
 * {@code http}=8080, and a service port 80→{@code http} give one subset
 * {@code {addresses:[10.0.0.2], notReadyAddresses:[10.0.0.3], ports:[{port:8080}]}}.
 */
final class EndpointsFor {

    private EndpointsFor() {
    }

    static boolean selects(Service service, Pod pod) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return Objects.equals(service.getMetadata().getNamespace(), pod.getMetadata().getNamespace());
    }

    static List<EndpointSubset> subsets(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, List<EndpointAddress>> ready = new LinkedHashMap<>();
        Map<List<EndpointPort>, List<EndpointAddress>> notReady = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!selects(service, pod) || !eligible(pod)) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort servicePort : service.getSpec().getPorts() == null ? List.<ServicePort>of()
                    : service.getSpec().getPorts()) {
                Integer target = resolve(servicePort, pod);
                if (target != null) {
                    ports.add(new EndpointPortBuilder().withName(servicePort.getName()).withPort(target)
                            .withProtocol(servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol())
                            .withAppProtocol(servicePort.getAppProtocol()).build());
                }
            }
            if (ports.isEmpty() && service.getSpec().getPorts() != null && !service.getSpec().getPorts().isEmpty()) {
                continue;
            }
            ports.sort(Comparator.comparing((EndpointPort p) -> p.getName() == null ? "" : p.getName())
                    .thenComparing(EndpointPort::getPort));
            EndpointAddress address = new EndpointAddressBuilder().withIp(pod.getStatus().getPodIP())
                    .withNodeName(pod.getSpec().getNodeName())
                    .withNewTargetRef().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endTargetRef()
                    .withHostname(hostnameFor(service, pod))
                    .build();
            (publishNotReady || isReady(pod) ? ready : notReady).computeIfAbsent(ports, p -> new ArrayList<>()).add(address);
        }
        Map<List<EndpointPort>, EndpointSubsetBuilder> byPorts = new LinkedHashMap<>();
        ready.forEach((ports, addresses) -> byPorts.computeIfAbsent(ports, p -> new EndpointSubsetBuilder().withPorts(p))
                .withAddresses(sorted(addresses)));
        notReady.forEach((ports, addresses) -> byPorts.computeIfAbsent(ports, p -> new EndpointSubsetBuilder().withPorts(p))
                .withNotReadyAddresses(sorted(addresses)));
        List<EndpointSubset> subsets = new ArrayList<>();
        byPorts.values().forEach(b -> subsets.add(b.build()));
        subsets.sort(Comparator.comparing(EndpointsFor::firstIp));
        return subsets;
    }

    /**
     * A pod's {@code spec.hostname} when its {@code spec.subdomain} names this Service (a
     * StatefulSet's pods and their governing Service): the DNS then answers
     * {@code web-0.nginx.default.svc.cluster.local}.
     */
    private static String hostnameFor(Service service, Pod pod) {
        String hostname = pod.getSpec().getHostname();
        if (hostname == null || hostname.isEmpty() || !service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
            return null;
        }
        return hostname;
    }

    private static boolean eligible(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** The container port a service port reaches in this pod, or null when the pod has no such named port. */
    static Integer resolve(ServicePort servicePort, Pod pod) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null) {
            return servicePort.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        String name = target.getStrVal();
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException notANumber) {
            // a named port: look it up below
        }
        String protocol = servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol();
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : container.getPorts()) {
                String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
                if (name.equals(port.getName()) && protocol.equals(portProtocol)) {
                    return port.getContainerPort();
                }
            }
        }
        return null;
    }

    private static List<EndpointAddress> sorted(List<EndpointAddress> addresses) {
        List<EndpointAddress> copy = new ArrayList<>(addresses);
        copy.sort(Comparator.comparing(EndpointAddress::getIp).thenComparing(a -> a.getTargetRef().getName()));
        return copy;
    }

    private static String firstIp(EndpointSubset subset) {
        if (subset.getAddresses() != null && !subset.getAddresses().isEmpty()) {
            return subset.getAddresses().get(0).getIp();
        }
        return subset.getNotReadyAddresses().get(0).getIp();
    }
}
