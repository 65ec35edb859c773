package io.kubelite.nodeagent.netpol;

import io.kubelite.nodeagent.netpol.PolicyModel.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node agent's packet filter rules for its pods' NetworkPolicies, as {@code iptables-restore
 * --noflush} input for the {@code filter} table, and the reading of {@code iptables-save} that
 * finds what to replace or sweep.
 *
 * <p>Pods on a Docker bridge reach each other through the host's FORWARD chain, which Docker sends
 * through {@code DOCKER-USER} first. Each agent owns one chain, {@code KL<6 hex>} (from its cluster
 * and node name), jumped to from {@code DOCKER-USER} by a rule whose comment names the agent and its
 * process ({@code kubelite:node-1:pid=4242:pidns=4026531836}). In it, packets of established
 * connections return at once (a policy decides who may open a connection, not its replies); a
 * packet to an ingress-isolated pod of this node goes through the pod's {@code …-I-…} chain, one
 * from an egress-isolated pod through its {@code …-E-…} chain. Those chains return what a rule
 * allows and refuse the rest — a TCP reset, else ICMP port unreachable — so a refused client
 * fails at once rather than after its connect timeout. Nothing here accepts: the next agent's chain
 * (the peer pod's node) still judges the packet, and Docker's own rules then forward it.
 *
 * <p>Example: pod 172.17.0.5 isolated for ingress, allowing 172.17.0.6 on TCP 5432, gives
 * <pre>
 * -A KL1a2b3c -d 172.17.0.5/32 -j KL1a2b3c-I-0f1e2d3c4b
 * -A KL1a2b3c-I-0f1e2d3c4b -s 172.17.0.6/32 -p tcp -m tcp --dport 5432 -j RETURN
 * -A KL1a2b3c-I-0f1e2d3c4b -p tcp -j REJECT --reject-with tcp-reset
 * -A KL1a2b3c-I-0f1e2d3c4b -j REJECT --reject-with icmp-port-unreachable
 * </pre>
 */
public final class IptablesRules {

    public static final String DOCKER_USER = "DOCKER-USER";
    private static final Pattern JUMP = Pattern.compile(
            "^-A DOCKER-USER .*--comment \"?kubelite:([^:\"\\s]+):pid=(\\d+):pidns=(\\d+)\"? .*-j (KL[0-9a-f]{6})\\s*$");
    private static final Pattern CHAIN = Pattern.compile("^:(KL[0-9a-f]{6}(?:-[IE]-[0-9a-f]{10})?) ");

    /** A jump from DOCKER-USER to an agent's chain, as iptables-save prints it. */
    public record Jump(String line, String node, long pid, String pidNamespace, String chain) {

        /** The same rule as a {@code -D} (delete) line. */
        public String deleteLine() {
            return "-D" + line.substring(2);
        }
    }

    /** A local pod whose traffic the agent judges. */
    public record LocalPod(String uid, String ip) {
    }

    private IptablesRules() {
    }

    /** The agent's chain: {@code KL} and 6 hex digits of SHA-256 over cluster id and node name. */
    public static String agentChain(String clusterId, String node) {
        return "KL" + sha256Hex(clusterId + "/" + node).substring(0, 6);
    }

    /** The comment of the agent's jump rule (no spaces, so iptables-save prints it unquoted). */
    public static String comment(String node, long pid, String pidNamespace) {
        return "kubelite:" + node + ":pid=" + pid + ":pidns=" + pidNamespace;
    }

    public static String jumpRule(String chain, String comment) {
        return "-I " + DOCKER_USER + " 1 -m comment --comment " + comment + " -j " + chain;
    }

    /**
     * The agent's chains for its pods: the restore input that declares (and so empties) each
     * chain, fills it, and removes the agent's chains that {@code existing} lists but no pod needs.
     */
    public static String restore(String chain, List<LocalPod> pods, PolicyModel model, Set<String> existing) {
        Set<String> chains = new LinkedHashSet<>();
        chains.add(chain);
        List<String> rules = new ArrayList<>();
        rules.add("-A " + chain + " -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN");
        List<String> podRules = new ArrayList<>();
        for (LocalPod pod : pods.stream().sorted(java.util.Comparator.comparing(LocalPod::ip)).toList()) {
            Cidr address;
            try {
                address = Cidr.host(pod.ip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!address.isIpv4()) {
                continue; // Docker's bridge is IPv4; ip6tables is not programmed
            }
            Optional<List<Rule>> in = model.ingress(pod.ip());
            if (in.isPresent()) {
                String podChain = chain + "-I-" + sha256Hex(pod.uid()).substring(0, 10);
                chains.add(podChain);
                rules.add("-A " + chain + " -d " + address + " -j " + podChain);
                podRules.addAll(podChain(podChain, in.get(), "-s"));
            }
            Optional<List<Rule>> out = model.egress(pod.ip());
            if (out.isPresent()) {
                String podChain = chain + "-E-" + sha256Hex(pod.uid()).substring(0, 10);
                chains.add(podChain);
                rules.add("-A " + chain + " -s " + address + " -j " + podChain);
                podRules.addAll(podChain(podChain, out.get(), "-d"));
            }
        }
        rules.addAll(podRules);
        Set<String> stale = new TreeSet<>(existing);
        stale.removeAll(chains);
        stale.removeIf(c -> !c.startsWith(chain + "-"));
        StringBuilder text = new StringBuilder("*filter\n");
        for (String c : chains) {
            text.append(':').append(c).append(" - [0:0]\n");
        }
        for (String c : stale) {
            text.append(':').append(c).append(" - [0:0]\n");
        }
        rules.forEach(r -> text.append(r).append('\n'));
        for (String c : stale) {
            text.append("-X ").append(c).append('\n');
        }
        return text.append("COMMIT\n").toString();
    }

    private static List<String> podChain(String chain, List<Rule> rules, String peerFlag) {
        List<String> lines = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.peer() != null && !rule.peer().isIpv4()) {
                continue;
            }
            StringBuilder line = new StringBuilder("-A ").append(chain);
            if (rule.peer() != null) {
                line.append(' ').append(peerFlag).append(' ').append(rule.peer());
            }
            if (rule.protocol() != null) {
                String protocol = rule.protocol().toLowerCase(java.util.Locale.ROOT);
                line.append(" -p ").append(protocol);
                if (rule.fromPort() != 0) {
                    line.append(" -m ").append(protocol).append(" --dport ").append(rule.fromPort());
                    if (rule.toPort() != rule.fromPort()) {
                        line.append(':').append(rule.toPort());
                    }
                }
            }
            lines.add(line.append(" -j RETURN").toString());
        }
        lines.add("-A " + chain + " -p tcp -j REJECT --reject-with tcp-reset");
        lines.add("-A " + chain + " -j REJECT --reject-with icmp-port-unreachable");
        return lines;
    }

    /** The chains {@code iptables-save} lists that belong to some kubelite agent. */
    public static Set<String> chains(String save) {
        Set<String> found = new TreeSet<>();
        for (String line : save.split("\n")) {
            Matcher m = CHAIN.matcher(line);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** The jumps from DOCKER-USER to kubelite agents' chains. */
    public static List<Jump> jumps(String save) {
        List<Jump> found = new ArrayList<>();
        for (String line : save.split("\n")) {
            Matcher m = JUMP.matcher(line.strip());
            if (m.matches()) {
                found.add(new Jump(line.strip(), m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4)));
            }
        }
        return found;
    }

    /**
     * The restore input that removes an agent's jump(s) and chains: used when the agent stops, and
     * by a live agent for those of agents that died without doing it (a process of the same pid
     * namespace that no longer runs), so their rules never judge the pods of a later cluster that
     * reuses the addresses.
     */
    public static String removal(List<Jump> jumps, Set<String> chains) {
        StringBuilder text = new StringBuilder("*filter\n");
        for (String c : new TreeSet<>(chains)) {
            text.append(':').append(c).append(" - [0:0]\n");
        }
        for (Jump j : jumps) {
            text.append(j.deleteLine()).append('\n');
        }
        for (String c : chains.stream().sorted(java.util.Comparator.comparing(String::length).reversed()).toList()) {
            text.append("-X ").append(c).append('\n');
        }
        return text.append("COMMIT\n").toString();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
