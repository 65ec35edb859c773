package io.kubelite.replication.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.controller.reconcile.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultServiceAccountTest {

    final MapLister<Namespace> namespaces = new MapLister<>();
    final MapLister<ServiceAccount> accounts = new MapLister<>();
    final List<ServiceAccount> created = new ArrayList<>();
    final DefaultServiceAccount controller = new DefaultServiceAccount(namespaces, accounts, created::add);

    static Namespace namespace(String name, boolean terminating) {
        return new NamespaceBuilder().withNewMetadata().withName(name)
                .withDeletionTimestamp(terminating ? "2026-11-26T00:00:00Z" : null).endMetadata().build();
    }

    static ServiceAccount account(String namespace, String name) {
        return new ServiceAccountBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    }

    @Test
    void anActiveNamespaceWithoutItGetsTheDefaultServiceAccount() {
        namespaces.put(namespace("team-a", false));
        accounts.put(account("team-a", "builder"));

        Result result = controller.reconcile(new ObjectKey("", "team-a"));

        assertThat(result).isEqualTo(Result.done());
        assertThat(created).singleElement().satisfies(sa -> {
            assertThat(sa.getMetadata().getNamespace()).isEqualTo("team-a");
            assertThat(sa.getMetadata().getName()).isEqualTo("default");
        });
    }

    @Test
    void nothingIsWrittenWhenItExists() {
        namespaces.put(namespace("team-a", false));
        accounts.put(account("team-a", "default"));

        controller.reconcile(new ObjectKey("", "team-a"));

        assertThat(created).isEmpty();
    }

    @Test
    void aTerminatingOrMissingNamespaceGetsNone() {
        namespaces.put(namespace("leaving", true));

        controller.reconcile(new ObjectKey("", "leaving"));
        controller.reconcile(new ObjectKey("", "gone"));

        assertThat(created).isEmpty();
    }
}
