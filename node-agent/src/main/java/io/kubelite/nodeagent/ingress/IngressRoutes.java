package io.kubelite.nodeagent.ingress;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where the ingress controller sends a request, from the Ingresses it serves, as the Ingress API
 * defines matching: a rule's {@code host} matches the request's host exactly, or, as
 * {@code *.example.com}, any host with exactly one more label in front ({@code foo.example.com},
 * not {@code example.com} or {@code a.b.example.com}); a rule without a host matches every host.
 * Exact hosts win over wildcards, wildcards over rules without a host. Among the paths of the
 * matching rules the longest match wins, {@code Exact} before {@code Prefix} at the same length;
 * {@code Prefix} matches whole path elements ({@code /foo} matches {@code /foo} and
 * {@code /foo/bar}, not {@code /foobar}); {@code ImplementationSpecific} is matched as Prefix here.
 * A request no rule takes goes to the {@code defaultBackend} of the oldest Ingress that has one.
 *
 * <p>Example: Ingress {@code shop} with host {@code shop.local}, paths {@code /} (Prefix, service
 * {@code web:80}) and {@code /api} (Prefix, service {@code api:8080}): {@code shop.local/api/items}
 * goes to api's ready endpoints, {@code shop.local/apiary} and {@code shop.local/} to web's;
 * {@code other.local/} matches nothing (404).
 */
final class IngressRoutes {

    /** Where a request goes: a Service's ready endpoints (empty when it has none). */
    record Target(String namespace, String service, String port, List<String> endpoints) {
    }

    /** One path of one rule, flattened. */
    private record Route(String host, boolean wildcard, String path, boolean exact, Ingress ingress, IngressBackend backend,
            int order) {
    }

    private final List<Route> routes;
    private final List<Ingress> withDefault;
    private final BiFunction<String, String, Optional<Service>> services;
    private final BiFunction<String, String, Optional<Endpoints>> endpoints;

    /**
     * @param ingresses the Ingresses this controller serves
     * @param services  a Service by namespace and name
     * @param endpoints its Endpoints by namespace and name
     */
    IngressRoutes(List<Ingress> ingresses, BiFunction<String, String, Optional<Service>> services,
            BiFunction<String, String, Optional<Endpoints>> endpoints) {
        this.services = services;
        this.endpoints = endpoints;
        List<Ingress> sorted = ingresses.stream().sorted(Comparator.comparing(IngressRoutes::created)
                .thenComparing(i -> i.getMetadata().getNamespace()).thenComparing(i -> i.getMetadata().getName())).toList();
        List<Route> all = new ArrayList<>();
        for (Ingress ingress : sorted) {
            for (IngressRule rule : orEmpty(ingress.getSpec() == null ? null : ingress.getSpec().getRules())) {
                String host = rule.getHost() == null ? "" : rule.getHost().toLowerCase(Locale.ROOT);
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath p : orEmpty(rule.getHttp().getPaths())) {
                    String path = p.getPath() == null || p.getPath().isEmpty() ? "/" : p.getPath();
                    all.add(new Route(host.startsWith("*.") ? host.substring(1) : host, host.startsWith("*."), path,
                            "Exact".equals(p.getPathType()), ingress, p.getBackend(), all.size()));
                }
            }
        }
        this.routes = List.copyOf(all);
        this.withDefault = sorted.stream().filter(i -> i.getSpec() != null && i.getSpec().getDefaultBackend() != null)
                .toList();
    }

    /** The target of a request to {@code host} (its port, if any, is ignored) and {@code path}, if any rule takes it. */
    Optional<Target> route(String host, String path) {
        String h = host == null ? "" : stripPort(host).toLowerCase(Locale.ROOT);
        String p = path == null || path.isEmpty() ? "/" : path;
        Route best = null;
        for (Route r : routes) {
            if (hostRank(r, h) < 0 || !pathMatches(r, p)) {
                continue;
            }
            if (best == null || better(r, best, h)) {
                best = r;
            }
        }
        if (best != null) {
            return Optional.of(target(best.ingress().getMetadata().getNamespace(), best.backend()));
        }
        return withDefault.stream().findFirst()
                .map(i -> target(i.getMetadata().getNamespace(), i.getSpec().getDefaultBackend()));
    }

    /** 2 for an exact host, 1 for a wildcard, 0 for a rule without host, -1 when it does not match. */
    private static int hostRank(Route r, String host) {
        if (r.host().isEmpty()) {
            return 0;
        }
        if (r.wildcard()) {
            // ".example.com": one more label in front
            return host.endsWith(r.host()) && host.length() > r.host().length()
                    && host.substring(0, host.length() - r.host().length()).indexOf('.') < 0 ? 1 : -1;
        }
        return r.host().equals(host) ? 2 : -1;
    }

    private static boolean better(Route a, Route b, String host) {
        int ha = hostRank(a, host);
        int hb = hostRank(b, host);
        if (ha != hb) {
            return ha > hb;
        }
        int la = trimmed(a.path()).length();
        int lb = trimmed(b.path()).length();
        if (la != lb) {
            return la > lb;
        }
        if (a.exact() != b.exact()) {
            return a.exact();
        }
        return a.order() < b.order();
    }

    static boolean pathMatches(Route r, String path) {
        if (r.exact()) {
            return r.path().equals(path);
        }
        String prefix = trimmed(r.path());
        if (prefix.isEmpty()) {
            return true;
        }
        String p = trimmed(path);
        return p.equals(prefix) || p.startsWith(prefix + "/");
    }

    /** A path without its trailing slashes ("/" becomes ""). */
    private static String trimmed(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private Target target(String namespace, IngressBackend backend) {
        IngressServiceBackend service = backend == null ? null : backend.getService();
        if (service == null || service.getName() == null) {
            return new Target(namespace, "", "", List.of());
        }
        String portLabel = service.getPort() == null ? "" : service.getPort().getName() != null
                ? service.getPort().getName() : String.valueOf(service.getPort().getNumber());
        Optional<ServicePort> port = services.apply(namespace, service.getName())
                .flatMap(s -> orEmpty(s.getSpec() == null ? null : s.getSpec().getPorts()).stream()
                        .filter(sp -> service.getPort() != null && (service.getPort().getName() != null
                                ? service.getPort().getName().equals(sp.getName())
                                : service.getPort().getNumber() != null && service.getPort().getNumber().equals(sp.getPort())))
                        .findFirst());
        if (port.isEmpty()) {
            return new Target(namespace, service.getName(), portLabel, List.of());
        }
        List<String> ready = new ArrayList<>();
        Optional<Endpoints> eps = endpoints.apply(namespace, service.getName());
        for (EndpointSubset subset : orEmpty(eps.map(Endpoints::getSubsets).orElse(null))) {
            Optional<EndpointPort> endpointPort = orEmpty(subset.getPorts()).stream()
                    .filter(ep -> orEmptyString(ep.getName()).equals(orEmptyString(port.get().getName()))).findFirst();
            if (endpointPort.isEmpty()) {
                continue;
            }
            for (EndpointAddress address : orEmpty(subset.getAddresses())) {
                ready.add(address.getIp() + ":" + endpointPort.get().getPort());
            }
        }
        return new Target(namespace, service.getName(), portLabel, List.copyOf(ready));
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String created(Ingress i) {
        return i.getMetadata().getCreationTimestamp() == null ? "" : i.getMetadata().getCreationTimestamp();
    }

    private static String orEmptyString(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
