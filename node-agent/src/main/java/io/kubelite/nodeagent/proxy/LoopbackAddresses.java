package io.kubelite.nodeagent.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClusterIPs as /32 addresses of the loopback interface, added and removed with iproute2's
 * {@code ip}, as kube-proxy's IPVS mode binds them to its dummy interface. Each carries the label
 * {@code lo:kl<cluster id>}, so this cluster's proxy finds (and removes) its own addresses and
 * never another cluster's on the same machine. Needs CAP_NET_ADMIN (root).
 *
 * <p>Example: ClusterIP 10.96.0.12 of cluster 3f2a9c01be becomes
 * {@code ip addr add 10.96.0.12/32 dev lo label lo:kl3f2a9c01be}; a container on the Docker bridge
 * that connects to 10.96.0.12:80 reaches the host through its default route, and the host accepts
 * it as local.
 */
public final class LoopbackAddresses implements HostAddresses {

    private static final String DEVICE = "lo";
    private static final Pattern ADDRESS = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/32 .*?\\b(lo:\\S+?)\\\\?\\s");

    private final String label;

    /** @param clusterId letters and digits, at most 10 (an interface label has at most 15 characters) */
    public LoopbackAddresses(String clusterId) {
        if (!clusterId.matches("[A-Za-z0-9]{1,10}")) {
            throw new IllegalArgumentException("cluster id for an address label must be 1-10 letters or digits: " + clusterId);
        }
        this.label = DEVICE + ":kl" + clusterId;
    }

    public String label() {
        return label;
    }

    @Override
    public Set<String> present() {
        return parse(ip("-o", "-4", "addr", "show", "dev", DEVICE), label);
    }

    @Override
    public void add(String address) {
        ip("addr", "add", address + "/32", "dev", DEVICE, "label", label);
    }

    @Override
    public void remove(String address) {
        ip("addr", "del", address + "/32", "dev", DEVICE, "label", label);
    }

    /** The addresses in {@code ip -o -4 addr show} output that carry {@code label}. */
    static Set<String> parse(String output, String label) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            Matcher m = ADDRESS.matcher(line + " ");
            if (m.find() && m.group(2).equals(label)) {
                addresses.add(m.group(1));
            }
        }
        return addresses;
    }

    private static String ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command)
                    + " (install iproute2): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
