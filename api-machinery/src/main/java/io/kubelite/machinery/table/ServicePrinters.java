package io.kubelite.machinery.table;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Printers of services and endpoints. */
final class ServicePrinters {

    /** ENDPOINTS lists this many addresses, then {@code + N more...}. */
    private static final int MAX_ENDPOINTS = 3;

    private ServicePrinters() {
    }

    /**
     * NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR. PORT(S) shows {@code port/protocol},
     * or {@code port:nodePort/protocol} when a node port is allocated: {@code 80/TCP,8080:30081/TCP}.
     */
    static TablePrinter services() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Type", "string", "type determines how the Service is exposed."),
                Columns.of("Cluster-IP", "string", "clusterIP is the IP address of the service and is"
                        + " usually assigned randomly."),
                Columns.of("External-IP", "string", "externalIPs is a list of IP addresses for which nodes"
                        + " in the cluster will also accept traffic for this service."),
                Columns.of("Port(s)", "string", "The list of ports that are exposed by this service."),
                Columns.AGE,
                Columns.wide("Selector", "string", "Route service traffic to pods with label keys and"
                        + " values matching this selector."));
        return new RowPrinter(columns, (service, now) -> {
            JsonNode spec = service.path("spec");
            return List.of(
                    Fields.name(service),
                    type(spec),
                    clusterIp(spec),
                    externalIp(service),
                    Fields.orElse(ports(spec), "<none>"),
                    Fields.age(service, now),
                    LabelFormat.labels(spec.path("selector")));
        });
    }

    /** NAME ENDPOINTS AGE, e.g. {@code 10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...}. */
    static TablePrinter endpoints() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
                Columns.AGE);
        return new RowPrinter(columns, (endpoints, now) -> List.of(
                Fields.name(endpoints), addresses(endpoints), Fields.age(endpoints, now)));
    }

    /** The API server defaults the type to ClusterIP. */
    private static String type(JsonNode spec) {
        return Fields.orElse(Fields.text(spec, "type"), "ClusterIP");
    }

    private static String clusterIp(JsonNode spec) {
        List<JsonNode> clusterIps = Fields.list(spec, "clusterIPs");
        String first = clusterIps.isEmpty() ? Fields.text(spec, "clusterIP") : clusterIps.get(0).asString("");
        return Fields.orElse(first, "<none>");
    }

    private static String externalIp(JsonNode service) {
        JsonNode spec = service.path("spec");
        List<String> externalIps = Fields.list(spec, "externalIPs").stream().map(ip -> ip.asString("")).toList();
        return switch (type(spec)) {
            case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>(loadBalancerIngress(service));
                all.addAll(externalIps);
                yield all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> Fields.text(spec, "externalName");
            default -> "<unknown>";
        };
    }

    /** Ingress IPs, or hostnames where there is no IP, sorted and without duplicates. */
    private static TreeSet<String> loadBalancerIngress(JsonNode service) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode ingress : Fields.list(service, "status", "loadBalancer", "ingress")) {
            String address = Fields.orElse(Fields.text(ingress, "ip"), Fields.text(ingress, "hostname"));
            if (!address.isEmpty()) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** The API server defaults a port's protocol to TCP. */
    private static String ports(JsonNode spec) {
        return Fields.list(spec, "ports").stream()
                .map(port -> {
                    String protocol = Fields.orElse(Fields.text(port, "protocol"), "TCP");
                    long nodePort = Fields.integer(port, "nodePort");
                    long number = Fields.integer(port, "port");
                    return nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol;
                })
                .collect(Collectors.joining(","));
    }

    /**
     * {@code ip:port} for every address and port of every subset (bare IPs for a subset
     * without ports), listing at most three and counting the rest.
     */
    private static String addresses(JsonNode endpoints) {
        List<JsonNode> subsets = Fields.list(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return "<none>";
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (JsonNode subset : subsets) {
            List<JsonNode> addresses = Fields.list(subset, "addresses");
            List<JsonNode> ports = Fields.list(subset, "ports");
            if (ports.isEmpty()) {
                count += addresses.size();
                addresses.forEach(a -> addIfRoom(shown, Fields.text(a, "ip")));
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                addresses.forEach(a -> addIfRoom(shown, hostPort(Fields.text(a, "ip"), Fields.integer(port, "port"))));
            }
        }
        String joined = String.join(",", shown);
        return count > MAX_ENDPOINTS ? joined + " + " + (count - MAX_ENDPOINTS) + " more..." : joined;
    }

    private static void addIfRoom(List<String> shown, String entry) {
        if (shown.size() < MAX_ENDPOINTS) {
            shown.add(entry);
        }
    }

    /** Go's {@code net.JoinHostPort}: IPv6 addresses go in brackets. */
    private static String hostPort(String ip, long port) {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /**
     * NAME CLASS HOSTS ADDRESS PORTS AGE: HOSTS lists up to three rule hosts ({@code *} for none,
     * {@code a,b,c + 2 more...} beyond), PORTS is {@code 80}, or {@code 80, 443} with TLS.
     */
    static TablePrinter ingresses() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Class", "string", "The name of the IngressClass resource that should be used for ingress class."),
                Columns.of("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
                Columns.of("Address", "string", "Address is a list containing ingress points for the load-balancer"),
                Columns.of("Ports", "string", "Ports of TLS configurations that open"),
                Columns.AGE);
        return new RowPrinter(columns, (ingress, now) -> {
            JsonNode spec = ingress.path("spec");
            return List.of(
                    Fields.name(ingress),
                    spec.path("ingressClassName").isString() ? spec.path("ingressClassName").asString() : "<none>",
                    ingressHosts(Fields.list(spec, "rules")),
                    ingressAddress(Fields.list(ingress, "status", "loadBalancer", "ingress"), false),
                    Fields.list(spec, "tls").isEmpty() ? "80" : "80, 443",
                    Fields.age(ingress, now));
        });
    }

    private static String ingressHosts(List<JsonNode> rules) {
        int max = 3;
        List<String> hosts = new java.util.ArrayList<>();
        boolean more = false;
        for (JsonNode rule : rules) {
            if (hosts.size() == max) {
                more = true;
            }
            String host = Fields.text(rule, "host");
            if (!more && !host.isEmpty()) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            return "*";
        }
        String joined = String.join(",", hosts);
        return more ? joined + " + " + (rules.size() - max) + " more..." : joined;
    }

    private static String ingressAddress(List<JsonNode> points, boolean wide) {
        List<String> addresses = new java.util.ArrayList<>();
        for (JsonNode point : points) {
            String ip = Fields.text(point, "ip");
            addresses.add(ip.isEmpty() ? Fields.text(point, "hostname") : ip);
        }
        String joined = String.join(",", addresses);
        return !wide && joined.length() > 16 ? joined.substring(0, 16) + "..." : joined;
    }

    /** NAME CONTROLLER PARAMETERS AGE; PARAMETERS as {@code Kind[.apiGroup]/name} or {@code <none>}. */
    /** {@code kubectl get networkpolicies}: NAME POD-SELECTOR AGE. */
    static TablePrinter networkPolicies() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Pod-Selector", "string", "Selects the pods to which this NetworkPolicy object applies. An"
                        + " empty podSelector selects all pods in this namespace."),
                Columns.AGE);
        return new RowPrinter(columns, (policy, now) -> List.of(Fields.name(policy),
                LabelFormat.selectorOrNone(policy.path("spec").path("podSelector")), Fields.age(policy, now)));
    }

    static TablePrinter ingressClasses() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Controller", "string", "Controller that is responsible for handling this class"),
                Columns.of("Parameters", "string", "A reference to a resource with additional parameters"),
                Columns.AGE);
        return new RowPrinter(columns, (ingressClass, now) -> {
            JsonNode parameters = ingressClass.path("spec").path("parameters");
            String shown = "<none>";
            if (parameters.isObject()) {
                shown = Fields.text(parameters, "kind");
                if (parameters.path("apiGroup").isString()) {
                    shown += "." + parameters.path("apiGroup").asString();
                }
                shown += "/" + Fields.text(parameters, "name");
            }
            return List.of(Fields.name(ingressClass), Fields.text(ingressClass, "spec", "controller"), shown,
                    Fields.age(ingressClass, now));
        });
    }

    /**
     * NAME ADDRESSTYPE PORTS ENDPOINTS AGE: up to three ports and addresses, then
     * {@code + N more...}; {@code <unset>} for none.
     */
    static TablePrinter endpointSlices() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("AddressType", "string", "The IP protocol for this slice"),
                Columns.of("Ports", "string", "The ports associated with this slice"),
                Columns.of("Endpoints", "string", "A list of endpoints associated with this slice"),
                Columns.AGE);
        return new RowPrinter(columns, (slice, now) -> {
            List<String> ports = new ArrayList<>();
            for (JsonNode port : Fields.list(slice, "ports")) {
                ports.add(port.path("port").isNumber() ? Long.toString(port.path("port").asLong()) : "<unset>");
            }
            List<String> addresses = new ArrayList<>();
            for (JsonNode endpoint : Fields.list(slice, "endpoints")) {
                for (JsonNode address : Fields.list(endpoint, "addresses")) {
                    addresses.add(address.asString());
                }
            }
            return List.of(Fields.name(slice), Fields.text(slice, "addressType"), firstThree(ports), firstThree(addresses),
                    Fields.age(slice, now));
        });
    }

    private static String firstThree(List<String> values) {
        if (values.isEmpty()) {
            return "<unset>";
        }
        if (values.size() <= 3) {
            return String.join(",", values);
        }
        return String.join(",", values.subList(0, 3)) + " + " + (values.size() - 3) + " more...";
    }
}
