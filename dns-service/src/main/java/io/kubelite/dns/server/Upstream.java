package io.kubelite.dns.server;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** The resolver names outside the cluster domain go to. */
public final class Upstream {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private Upstream() {
    }

    /**
     * @param setting comma-separated addresses; empty = the nameservers of {@code resolvConf};
     *                {@code none} = no upstream (null)
     * @param own     this server's own addresses, never used as its upstream
     */
    public static Resolver from(String setting, Path resolvConf, List<String> own) throws IOException {
        List<String> servers;
        if ("none".equals(setting.trim())) {
            return null;
        } else if (!setting.isBlank()) {
            servers = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } else {
            servers = Files.exists(resolvConf) ? nameservers(Files.readString(resolvConf)) : List.of();
        }
        servers = servers.stream().filter(s -> !own.contains(s)).toList();
        if (servers.isEmpty()) {
            return null;
        }
        List<Resolver> resolvers = new ArrayList<>();
        for (String server : servers) {
            if (!AddressLiterals.isAddress(server)) {
                throw new IllegalArgumentException("kubelite.dns.upstream: not an address: " + server);
            }
            try {
                SimpleResolver resolver = new SimpleResolver(server);
                resolver.setTimeout(TIMEOUT);
                resolvers.add(resolver);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("kubelite.dns.upstream: not an address: " + server, e);
            }
        }
        ExtendedResolver upstream = new ExtendedResolver(resolvers);
        upstream.setTimeout(TIMEOUT);
        return upstream;
    }

    /** The {@code nameserver} addresses of a resolv.conf, in order. */
    static List<String> nameservers(String resolvConf) {
        List<String> servers = new ArrayList<>();
        for (String line : resolvConf.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && fields[0].equals("nameserver")) {
                servers.add(fields[1]);
            }
        }
        return servers;
    }
}
