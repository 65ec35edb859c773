package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * Where the {@code pods/proxy} and {@code services/proxy} subresources send a request, found as
 * kube-apiserver finds it: the name is {@code name}, {@code name:port} or {@code scheme:name:port};
 * a pod without a port gets its first declared container port; a service port given by number
 * stands for its name, and the request goes to a random ready endpoint address of that port.
 *
 * @param scheme {@code http}, {@code https} or empty (http)
 * @param pod    the pod that has the IP
 * @param node   its node, whose agent relays the request
 * @param ip     the pod IP
 * @param port   the port, null for the scheme's default
 */
record ProxyTarget(String scheme, String pod, String node, String ip, Integer port) {

    /** A parsed {@code [scheme:]name[:port]}. */
    record Name(String scheme, String name, String port) {
    }

    /** kube's SplitSchemeNamePort; 400 "invalid pod request" / "invalid service request" otherwise. */
    static Name parse(String id, String what) {
        String[] parts = id.split(":", -1);
        Name name = switch (parts.length) {
            case 1 -> new Name("", parts[0], "");
            case 2 -> new Name("", parts[0], parts[1]);
            case 3 -> parts[0].equals("http") || parts[0].equals("https") ? new Name(parts[0], parts[1], parts[2]) : null;
            default -> null;
        };
        if (name == null || name.name().isEmpty()) {
            throw ApiException.badRequest("invalid " + what + " request \"" + id + "\"");
        }
        return name;
    }

    static ProxyTarget ofPod(Name name, JsonNode pod) {
        String port = name.port();
        if (port.isEmpty()) {
            for (JsonNode c : pod.path("spec").path("containers")) {
                if (!c.path("ports").isEmpty()) {
                    port = c.path("ports").get(0).path("containerPort").asString("");
                    break;
                }
            }
        }
        String ip = pod.path("status").path("podIP").asString("");
        String node = pod.path("spec").path("nodeName").asString("");
        if (ip.isEmpty() || node.isEmpty()) {
            throw ApiException.badRequest("address not allowed");
        }
        return new ProxyTarget(name.scheme(), name.name(), node, ip, port.isEmpty() ? null : number(port, name));
    }

    /**
     * @param endpoints the service's Endpoints, null when there are none
     */
    static ProxyTarget ofService(Name name, JsonNode service, JsonNode endpoints) {
        String portName = name.port();
        if (portName.matches("\\d+")) {
            String found = null;
            for (JsonNode p : service.path("spec").path("ports")) {
                if (p.path("port").asString("").equals(portName)) {
                    found = p.path("name").asString("");
                    break;
                }
            }
            if (found == null) {
                throw unavailable("no service port " + portName + " found for service \"" + name.name() + "\"");
            }
            portName = found;
        }
        List<ProxyTarget> candidates = new ArrayList<>();
        if (endpoints != null) {
            for (JsonNode subset : endpoints.path("subsets")) {
                for (JsonNode p : subset.path("ports")) {
                    if (!p.path("name").asString("").equals(portName)) {
                        continue;
                    }
                    for (JsonNode a : subset.path("addresses")) {
                        JsonNode ref = a.path("targetRef");
                        if (ref.path("kind").asString("").equals("Pod") && !a.path("nodeName").asString("").isEmpty()) {
                            candidates.add(new ProxyTarget(name.scheme(), ref.path("name").asString(""),
                                    a.path("nodeName").asString(""), a.path("ip").asString(""), p.path("port").asInt()));
                        }
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            throw unavailable("no endpoints available for service \"" + name.name() + "\"");
        }
        return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    private static int number(String port, Name name) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid pod request \"" + name.name() + ":" + port + "\": the port must be a number");
        }
    }

    private static ApiException unavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message, "", "services", "", List.of());
    }
}
