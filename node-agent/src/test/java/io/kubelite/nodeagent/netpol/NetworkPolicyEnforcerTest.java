package io.kubelite.nodeagent.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubelite.controller.informer.ChangeEvent;
import io.kubelite.controller.informer.ChangeStream;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.ListSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One pass of the enforcer over informers of fixed lists, against a filter table this test scripts
 * (what {@code iptables-save} prints) and records (what {@code iptables-restore} is given).
 */
class NetworkPolicyEnforcerTest {

    /** A filter table whose save output the test sets, and which records every restore. */
    static final class ScriptedIptables implements Iptables {
        String table;
        int saves;
        final List<String> restored = new ArrayList<>();

        @Override
        public String save() throws IOException {
            saves++;
            if (table == null) {
                throw new IOException("iptables-save: command not found");
            }
            return table;
        }

        @Override
        public void restore(String input) {
            restored.add(input);
        }
    }

    /** No changes after the list: a poll waits its timeout out, or until woken, as the real stream does. */
    static final class Quiet<T extends HasMetadata> implements ChangeStream<T> {
        private final java.util.concurrent.Semaphore woken = new java.util.concurrent.Semaphore(0);

        @Override
        public Position mark() {
            return new Position() {
            };
        }

        @Override
        public void seek(Position position) {
        }

        @Override
        public List<ChangeEvent<T>> poll(Duration timeout) {
            try {
                woken.tryAcquire(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void wakeup() {
            woken.release();
        }

        @Override
        public void close() {
            woken.release();
        }
    }

    final List<Informer<?>> informers = new ArrayList<>();
    final ScriptedIptables iptables = new ScriptedIptables();

    @AfterEach
    void stop() {
        informers.forEach(Informer::stop);
    }

    <T extends HasMetadata> Informer<T> informer(String name, List<T> items) throws InterruptedException {
        Informer<T> informer = new Informer<>(name, () -> new ListSource.Snapshot<>(items, 1), new Quiet<>(), null, null,
                Clock.systemUTC());
        informers.add(informer);
        informer.start();
        assertThat(informer.waitForSync(Duration.ofSeconds(10))).isTrue();
        return informer;
    }

    NetworkPolicyEnforcer enforcer(List<NetworkPolicy> policies) throws InterruptedException {
        List<Pod> pods = new ArrayList<>(PolicyModelTest.pods());
        pods.forEach(p -> p.getSpec().setNodeName(p.getMetadata().getName().equals("db") ? "node-1" : "node-2"));
        List<Namespace> namespaces = PolicyModelTest.namespaces().entrySet().stream().map(e -> new NamespaceBuilder()
                .withNewMetadata().withName(e.getKey()).withLabels(e.getValue()).endMetadata().build()).toList();
        return new NetworkPolicyEnforcer("cluster", "node-1", informer("policies", policies), informer("pods", pods),
                informer("namespaces", namespaces), () -> Set.of(PolicyModelTest.NODE), iptables, Duration.ofMinutes(1));
    }

    static String pidNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString().replaceAll("\\D", "");
    }

    static final String EMPTY = """
            *filter
            :FORWARD DROP [0:0]
            :DOCKER-USER - [0:0]
            -A DOCKER-USER -j RETURN
            COMMIT
            """;

    @Test
    void anIsolatedPodOfThisNodeGetsItsChainsAndTheAgentOneJumpAndAnUnchangedPassWritesNothing() throws Exception {
        NetworkPolicyEnforcer enforcer = enforcer(List.of(PolicyModelTest.dbPolicy()));
        iptables.table = EMPTY;
        enforcer.sync(true);
        String chain = IptablesRules.agentChain("cluster", "node-1");
        assertThat(iptables.restored).hasSize(2);
        assertThat(iptables.restored.get(0)).contains("-A " + chain + " -d " + PolicyModelTest.DB + "/32 -j " + chain + "-I-")
                .doesNotContain(PolicyModelTest.WEB + "/32 -j");
        String jump = "-I DOCKER-USER 1 -m comment --comment kubelite:node-1:pid=" + ProcessHandle.current().pid()
                + ":pidns=" + pidNamespace() + " -j " + chain;
        assertThat(iptables.restored.get(1)).isEqualTo("*filter\n" + jump + "\nCOMMIT\n");
        assertThat(enforcer.model().allows(PolicyModelTest.OTHER, PolicyModelTest.DB, "TCP", 5432)).isFalse();

        iptables.table = EMPTY.replace("-A DOCKER-USER -j RETURN", jump.replace("-I DOCKER-USER 1", "-A DOCKER-USER")
                + "\n-A DOCKER-USER -j RETURN").replace(":DOCKER-USER - [0:0]", ":DOCKER-USER - [0:0]\n:" + chain + " - [0:0]");
        enforcer.sync(true);
        assertThat(iptables.restored).as("nothing changed").hasSize(2);
    }

    @Test
    void rulesOfAgentsThatDiedInThisPidNamespaceAreSweptAndOthersLeftAlone() throws Exception {
        NetworkPolicyEnforcer enforcer = enforcer(List.of());
        String ns = pidNamespace();
        long self = ProcessHandle.current().pid();
        iptables.table = EMPTY.replace(":DOCKER-USER - [0:0]", """
                :DOCKER-USER - [0:0]
                :KLdead01 - [0:0]
                :KLdead01-I-0123456789 - [0:0]
                :KLa11ce0 - [0:0]
                :KL07e0f0 - [0:0]""")
                .replace("-A DOCKER-USER -j RETURN", """
                -A DOCKER-USER -m comment --comment kubelite:node-9:pid=2147483646:pidns=%1$s -j KLdead01
                -A DOCKER-USER -m comment --comment kubelite:node-8:pid=%2$d:pidns=%1$s -j KLa11ce0
                -A DOCKER-USER -m comment --comment kubelite:node-7:pid=2147483646:pidns=1 -j KL07e0f0
                -A DOCKER-USER -j RETURN""".formatted(ns, self));
        enforcer.sync(true);
        assertThat(iptables.restored).hasSize(1);
        assertThat(iptables.restored.get(0)).isEqualTo("""
                *filter
                :KLdead01 - [0:0]
                :KLdead01-I-0123456789 - [0:0]
                -D DOCKER-USER -m comment --comment kubelite:node-9:pid=2147483646:pidns=%s -j KLdead01
                -X KLdead01-I-0123456789
                -X KLdead01
                COMMIT
                """.formatted(ns));
    }

    @Test
    void withNothingIsolatedHereTheAgentsRulesGoAndWithoutIptablesTheProxyStillHasThePolicies() throws Exception {
        NetworkPolicyEnforcer enforcer = enforcer(List.of(PolicyModelTest.denyEgress("web")));
        String chain = IptablesRules.agentChain("cluster", "node-1");
        String jump = "-A DOCKER-USER -m comment --comment kubelite:node-1:pid=1:pidns=" + pidNamespace() + " -j " + chain;
        iptables.table = EMPTY.replace(":DOCKER-USER - [0:0]", ":DOCKER-USER - [0:0]\n:" + chain + " - [0:0]")
                .replace("-A DOCKER-USER -j RETURN", jump + "\n-A DOCKER-USER -j RETURN");
        enforcer.sync(true);
        assertThat(iptables.restored).as("web is isolated, but on node-2").containsExactly(
                "*filter\n:" + chain + " - [0:0]\n" + jump.replace("-A DOCKER-USER", "-D DOCKER-USER") + "\n-X " + chain
                        + "\nCOMMIT\n");

        int saves = iptables.saves;
        enforcer.sync(false);
        assertThat(iptables.saves).as("a change with nothing isolated here and no rules left: no look").isEqualTo(saves);

        iptables.table = null;
        iptables.restored.clear();
        enforcer.sync(true);
        assertThat(iptables.saves).isEqualTo(saves + 1);
        assertThat(iptables.restored).isEmpty();
        assertThat(enforcer.model().allows(PolicyModelTest.WEB, PolicyModelTest.DB, "TCP", 5432)).isFalse();
        assertThat(enforcer.model().allows(PolicyModelTest.DB, PolicyModelTest.WEB, "TCP", 8080)).isTrue();
    }
}
