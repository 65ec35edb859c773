package io.kubelite.nodeagent.netpol;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubelite.controller.informer.Informer;
import io.kubelite.nodeagent.netpol.IptablesRules.Jump;
import io.kubelite.nodeagent.netpol.IptablesRules.LocalPod;
import io.kubelite.nodeagent.sync.ChangeBatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's NetworkPolicy enforcement, what a network plugin's node agent (Calico's Felix,
 * kube-router) does: from the NetworkPolicies, Pods and Namespaces informers it keeps a
 * {@link PolicyModel}, which the Service proxy asks before it joins a client to a backend pod, and
 * the host's packet filter rules for the pods of this node ({@link IptablesRules}), which judge
 * pod-to-pod and pod-to-outside connections. A change is applied {@value #CHANGE_DELAY_MS} ms after
 * it arrives (a burst is one pass) and everything is checked again every sync period, which also
 * puts back rules someone removed and sweeps the rules of agents that died without removing theirs.
 *
 * <p>Where the packet filter cannot be programmed (not root, no iptables, Docker without its
 * {@code DOCKER-USER} chain) the agent says so once and policies still hold for connections
 * through Services.
 */
public final class NetworkPolicyEnforcer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkPolicyEnforcer.class);
    static final long CHANGE_DELAY_MS = 50;

    private final String node;
    private final Informer<NetworkPolicy> policies;
    private final Informer<Pod> pods;
    private final Informer<Namespace> namespaces;
    private final Supplier<Set<String>> nodeAddresses;
    private final Iptables iptables;
    private final Duration syncPeriod;
    private final String chain;
    private final String comment;
    private final String pidNamespace;
    private final ChangeBatcher syncer = new ChangeBatcher("network-policy", Duration.ofMillis(CHANGE_DELAY_MS),
            this::sync);
    private volatile PolicyModel model = PolicyModel.OPEN;
    /** The restore input last applied, so an unchanged pass writes nothing. */
    private String applied;
    /** Whether the last look at the filter table found rules of this agent (or wrote some). */
    private boolean rulesHere = true;
    /** Why the packet filter is not programmed, as last reported; null while it is. */
    private String unavailable;

    public NetworkPolicyEnforcer(String clusterId, String node, Informer<NetworkPolicy> policies, Informer<Pod> pods,
            Informer<Namespace> namespaces, Supplier<Set<String>> nodeAddresses, Iptables iptables, Duration syncPeriod) {
        this.node = node;
        this.policies = policies;
        this.pods = pods;
        this.namespaces = namespaces;
        this.nodeAddresses = nodeAddresses;
        this.iptables = iptables;
        this.syncPeriod = syncPeriod;
        this.chain = IptablesRules.agentChain(clusterId, node);
        this.pidNamespace = pidNamespace();
        this.comment = IptablesRules.comment(node, ProcessHandle.current().pid(), pidNamespace);
    }

    /** What the policies allow now; the Service proxy asks it for every new connection. */
    public PolicyModel model() {
        return model;
    }

    public String chain() {
        return chain;
    }

    public void start() {
        policies.addEventHandler(syncer.handler());
        pods.addEventHandler(syncer.handler());
        namespaces.addEventHandler(syncer.handler());
        syncer.every(syncPeriod, syncPeriod);
        syncer.soon();
    }

    /**
     * One pass: the model from the caches, then this node's rules. A pass for a change skips the
     * packet filter while no pod here is isolated and the last look found none of this agent's
     * rules (most clusters have no policy: a pod event then costs no {@code iptables-save}); a
     * {@code full} pass, every sync period, always looks, and sweeps dead agents' rules.
     */
    synchronized void sync(boolean full) {
        if (!policies.hasSynced() || !pods.hasSynced() || !namespaces.hasSynced()) {
            return;
        }
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        for (Namespace ns : namespaces.lister().list()) {
            namespaceLabels.put(ns.getMetadata().getName(),
                    ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
        }
        List<Pod> allPods = pods.lister().list();
        PolicyModel next = PolicyModel.build(policies.lister().list(), allPods, namespaceLabels, nodeAddresses.get());
        model = next;
        if (iptables == null) {
            return;
        }
        List<LocalPod> local = allPods.stream()
                .filter(p -> PolicyModel.onPodNetwork(p) && node.equals(p.getSpec().getNodeName()))
                .map(p -> new LocalPod(p.getMetadata().getUid(), p.getStatus().getPodIP()))
                .filter(p -> next.ingress(p.ip()).isPresent() || next.egress(p.ip()).isPresent())
                .toList();
        if (!full && local.isEmpty() && !rulesHere) {
            return;
        }
        try {
            program(local, next);
            if (unavailable != null) {
                LOG.atInfo().log("NetworkPolicies are enforced between pods again (iptables chain " + chain + ")");
                unavailable = null;
            }
        } catch (IOException e) {
            String reason = e.getMessage();
            if (!reason.equals(unavailable)) {
                LOG.atWarn().log("NetworkPolicies hold for connections through Services only, not between pods directly: "
                        + reason + ". Run the node agent as root on the Docker host (with iptables and Docker's "
                        + "DOCKER-USER chain), or set kubelite.network-policy.enabled=false to stop trying.");
                unavailable = reason;
            }
            applied = null;
            rulesHere = false;
        }
    }

    private void program(List<LocalPod> local, PolicyModel next) throws IOException {
        String save = iptables.save();
        if (!save.contains(":" + IptablesRules.DOCKER_USER + " ")) {
            throw new IOException("the filter table has no " + IptablesRules.DOCKER_USER + " chain (is dockerd running "
                    + "with its iptables rules?)");
        }
        List<Jump> jumps = IptablesRules.jumps(save);
        Set<String> chains = IptablesRules.chains(save);
        sweepDead(jumps, chains);
        List<Jump> mine = jumps.stream().filter(j -> j.chain().equals(chain)).toList();
        Set<String> myChains = chains.stream().filter(c -> c.equals(chain) || c.startsWith(chain + "-"))
                .collect(Collectors.toSet());
        if (local.isEmpty()) {
            // no pod of this node is isolated: no rules at all
            if (!mine.isEmpty() || !myChains.isEmpty()) {
                iptables.restore(IptablesRules.removal(mine, myChains));
            }
            applied = null;
            rulesHere = false;
            return;
        }
        rulesHere = true;
        String input = IptablesRules.restore(chain, local, next, myChains);
        boolean jumpRight = mine.size() == 1 && mine.get(0).line().contains(comment);
        if (!input.equals(applied) || !myChains.contains(chain)) {
            iptables.restore(input);
            applied = input;
        }
        if (!jumpRight) {
            StringBuilder fix = new StringBuilder("*filter\n");
            mine.forEach(j -> fix.append(j.deleteLine()).append('\n'));
            fix.append(IptablesRules.jumpRule(chain, comment)).append('\n').append("COMMIT\n");
            iptables.restore(fix.toString());
        }
    }

    /** Removes the rules of agents of this pid namespace whose process is gone. */
    private void sweepDead(List<Jump> jumps, Set<String> chains) throws IOException {
        for (Jump j : jumps) {
            if (j.chain().equals(chain) || !j.pidNamespace().equals(pidNamespace)
                    || ProcessHandle.of(j.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            Set<String> theirs = chains.stream().filter(c -> c.equals(j.chain()) || c.startsWith(j.chain() + "-"))
                    .collect(Collectors.toSet());
            List<Jump> theirJumps = jumps.stream().filter(o -> o.chain().equals(j.chain())).toList();
            LOG.atInfo().addKeyValue("chain", j.chain()).addKeyValue("node", j.node()).addKeyValue("pid", j.pid())
                    .log("Removing the NetworkPolicy rules of a node agent that is no longer running");
            iptables.restore(IptablesRules.removal(theirJumps, theirs));
            chains.removeAll(theirs);
        }
    }

    private static String pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return link.replaceAll("\\D", "");
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    /** Stops, and removes this agent's rules, so a stopped cluster leaves no filter behind. */
    @Override
    public synchronized void close() {
        syncer.close();
        if (iptables == null) {
            return;
        }
        try {
            String save = iptables.save();
            List<Jump> mine = IptablesRules.jumps(save).stream().filter(j -> j.chain().equals(chain)).toList();
            Set<String> myChains = IptablesRules.chains(save).stream()
                    .filter(c -> c.equals(chain) || c.startsWith(chain + "-")).collect(Collectors.toSet());
            if (!mine.isEmpty() || !myChains.isEmpty()) {
                iptables.restore(IptablesRules.removal(mine, myChains));
            }
        } catch (IOException e) {
            LOG.atWarn().log("Could not remove the NetworkPolicy rules (chain " + chain + "): " + e.getMessage());
        }
    }
}
