package io.kubelite.dns.server;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The cluster's DNS names, as Kubernetes' DNS specification (and CoreDNS's kubernetes plugin)
 * defines them, answered from the Services and Endpoints caches. With domain cluster.local:
 * <ul>
 * <li>{@code webapp.default.svc.cluster.local} A → the ClusterIP; for a headless Service the
 *     ready endpoints' IPs; for an ExternalName Service a CNAME to its external name;</li>
 * <li>{@code _http._tcp.webapp.default.svc.cluster.local} SRV → port of the named port, target the
 *     Service's name (for a headless one, one SRV per ready endpoint);</li>
 * <li>{@code <hostname>.<svc>.<ns>.svc.cluster.local} A → the endpoint with that hostname (headless);</li>
 * <li>{@code 172-17-0-5.default.pod.cluster.local} A → 172.17.0.5.</li>
 * </ul>
 * Any other name in the domain is NXDOMAIN; a name that exists asked for another type (AAAA) is an
 * empty NOERROR, so resolvers go on to the A answer. Both carry the zone's SOA for negative caching.
 */
public final class ClusterRecords {

    /** Seconds resolvers may keep an answer (CoreDNS's kubernetes plugin: 5). */
    static final long TTL = 5;

    /** Where Services and Endpoints are read: the informers' caches. */
    public interface Directory {
        Optional<Service> service(String namespace, String name);

        Optional<Endpoints> endpoints(String namespace, String name);
    }

    /** The response code and the records of the answer section. */
    public record Answer(int rcode, List<Record> records) {
        static Answer nxdomain() {
            return new Answer(Rcode.NXDOMAIN, List.of());
        }

        static Answer of(List<Record> records) {
            return new Answer(Rcode.NOERROR, records);
        }
    }

    private final Name zone;
    private final Directory directory;
    private final SOARecord soa;

    public ClusterRecords(String domain, Directory directory) {
        try {
            this.zone = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
            this.soa = new SOARecord(zone, DClass.IN, TTL, Name.fromString("ns.dns", zone),
                    Name.fromString("hostmaster", zone), 1, 7200, 1800, 86400, TTL);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS domain: " + domain, e);
        }
        this.directory = directory;
    }

    public Name zone() {
        return zone;
    }

    public boolean inZone(Name name) {
        return name.subdomain(zone);
    }

    /** The SOA that goes into the authority section of a negative answer. */
    public SOARecord soa() {
        return soa;
    }

    public Answer lookup(Name name, int type) {
        List<String> labels = relativeLabels(name);
        int n = labels.size();
        if (n >= 3 && labels.get(n - 1).equals("svc")) {
            return service(name, type, labels);
        }
        if (n == 3 && labels.get(2).equals("pod")) {
            return pod(name, type, labels.get(0));
        }
        return Answer.nxdomain();
    }

    /** {@code [svc-or-more..., ns, "svc"]}: the Service, its SRV names or a headless endpoint's hostname. */
    private Answer service(Name name, int type, List<String> labels) {
        int n = labels.size();
        String namespace = labels.get(n - 2);
        String serviceName = labels.get(n - 3);
        Optional<Service> found = directory.service(namespace, serviceName);
        if (found.isEmpty() || found.get().getSpec() == null) {
            return Answer.nxdomain();
        }
        Service service = found.get();
        if (n == 3) {
            return serviceName(name, type, service, namespace, serviceName);
        }
        if (n == 4) {
            return endpointHostname(name, type, namespace, serviceName, labels.get(0));
        }
        if (n == 5 && labels.get(0).startsWith("_") && labels.get(1).startsWith("_")) {
            return srv(name, type, service, namespace, serviceName, labels.get(0).substring(1), labels.get(1).substring(1));
        }
        return Answer.nxdomain();
    }

    private Answer serviceName(Name name, int type, Service service, String namespace, String serviceName) {
        if ("ExternalName".equals(service.getSpec().getType())) {
            String target = service.getSpec().getExternalName();
            if (target == null || target.isEmpty() || (type != Type.A && type != Type.CNAME && type != Type.ANY)) {
                return Answer.of(List.of());
            }
            return Answer.of(List.of(new CNAMERecord(name, DClass.IN, TTL, absolute(target))));
        }
        if (type != Type.A && type != Type.ANY) {
            return Answer.of(List.of());
        }
        List<Record> records = new ArrayList<>();
        if (headless(service)) {
            for (String ip : readyIps(namespace, serviceName)) {
                a(name, ip).ifPresent(records::add);
            }
        } else {
            a(name, service.getSpec().getClusterIP()).ifPresent(records::add);
        }
        return Answer.of(records);
    }

    private Answer endpointHostname(Name name, int type, String namespace, String serviceName, String hostname) {
        for (EndpointAddress address : readyAddresses(namespace, serviceName)) {
            if (hostname.equals(lower(address.getHostname()))) {
                return Answer.of(type == Type.A || type == Type.ANY ? a(name, address.getIp()).stream().toList() : List.of());
            }
        }
        return Answer.nxdomain();
    }

    private Answer srv(Name name, int type, Service service, String namespace, String serviceName, String portName,
            String protocol) {
        ServicePort port = null;
        for (ServicePort p : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            String proto = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
            if (portName.equals(lower(p.getName())) && protocol.equals(proto)) {
                port = p;
            }
        }
        if (port == null) {
            return Answer.nxdomain();
        }
        if (type != Type.SRV && type != Type.ANY) {
            return Answer.of(List.of());
        }
        Name serviceDomain = child(serviceName + "." + namespace + ".svc");
        if (!headless(service)) {
            return Answer.of(List.of(new SRVRecord(name, DClass.IN, TTL, 0, 100, port.getPort(), serviceDomain)));
        }
        List<Record> records = new ArrayList<>();
        Endpoints endpoints = directory.endpoints(namespace, serviceName).orElse(null);
        for (EndpointSubset subset : endpoints == null || endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
            EndpointPort endpointPort = null;
            for (EndpointPort p : subset.getPorts() == null ? List.<EndpointPort>of() : subset.getPorts()) {
                if (portName.equals(lower(p.getName()))) {
                    endpointPort = p;
                }
            }
            if (endpointPort == null || subset.getAddresses() == null) {
                continue;
            }
            for (EndpointAddress address : subset.getAddresses()) {
                String host = address.getHostname() != null && !address.getHostname().isEmpty() ? address.getHostname()
                        : address.getIp().replace('.', '-');
                records.add(new SRVRecord(name, DClass.IN, TTL, 0, 100, endpointPort.getPort(),
                        child(host + "." + serviceName + "." + namespace + ".svc")));
            }
        }
        return Answer.of(records);
    }

    /** {@code 172-17-0-5.<ns>.pod.<zone>} answers 172.17.0.5, whether or not such a pod exists (kube-dns's "pods insecure"). */
    private Answer pod(Name name, int type, String dashed) {
        Optional<Record> record = a(name, dashed.replace('-', '.'));
        if (record.isEmpty()) {
            return Answer.nxdomain();
        }
        return Answer.of(type == Type.A || type == Type.ANY ? List.of(record.get()) : List.of());
    }

    private static boolean headless(Service service) {
        return "None".equals(service.getSpec().getClusterIP());
    }

    private Set<String> readyIps(String namespace, String serviceName) {
        Set<String> ips = new LinkedHashSet<>();
        readyAddresses(namespace, serviceName).forEach(a -> ips.add(a.getIp()));
        return ips;
    }

    private List<EndpointAddress> readyAddresses(String namespace, String serviceName) {
        List<EndpointAddress> addresses = new ArrayList<>();
        directory.endpoints(namespace, serviceName).ifPresent(endpoints -> {
            for (EndpointSubset subset : endpoints.getSubsets() == null ? List.<EndpointSubset>of() : endpoints.getSubsets()) {
                if (subset.getAddresses() != null) {
                    addresses.addAll(subset.getAddresses());
                }
            }
        });
        return addresses;
    }

    /** The labels of {@code name} below the zone, lower case, left to right. */
    private List<String> relativeLabels(Name name) {
        int below = name.labels() - zone.labels();
        List<String> labels = new ArrayList<>(below);
        for (int i = 0; i < below; i++) {
            labels.add(name.getLabelString(i).toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    private Name child(String relative) {
        try {
            return Name.concatenate(Name.fromString(relative), zone);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a DNS name: " + relative, e);
        }
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    /** An A record, for a dotted IPv4 address only (see {@link AddressLiterals}). */
    private static Optional<Record> a(Name name, String ip) {
        Optional<byte[]> octets = AddressLiterals.ipv4(ip);
        if (octets.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ARecord(name, DClass.IN, TTL, InetAddress.getByAddress(octets.get())));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
