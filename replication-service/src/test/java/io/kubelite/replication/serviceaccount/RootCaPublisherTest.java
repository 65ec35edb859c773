package io.kubelite.replication.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.MapLister;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootCaPublisherTest {

    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    final MapLister<Namespace> namespaces = new MapLister<>();
    final MapLister<ConfigMap> configMaps = new MapLister<>();
    final List<ConfigMap> created = new ArrayList<>();
    final List<ConfigMap> updated = new ArrayList<>();
    final RootCaPublisher publisher = new RootCaPublisher(namespaces, configMaps, PEM, new RootCaPublisher.Api() {
        @Override
        public void create(ConfigMap configMap) {
            created.add(configMap);
        }

        @Override
        public void update(ConfigMap configMap) {
            updated.add(configMap);
        }
    });

    static ConfigMap rootCa(String namespace, String pem) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(RootCaPublisher.NAME).endMetadata()
                .withData(Map.of("ca.crt", pem)).build();
    }

    @Test
    void anActiveNamespaceGetsTheCa() {
        namespaces.put(DefaultServiceAccountTest.namespace("team", false));

        publisher.reconcile(new ObjectKey("", "team"));

        assertThat(created).singleElement().satisfies(cm -> {
            assertThat(cm.getMetadata().getNamespace()).isEqualTo("team");
            assertThat(cm.getMetadata().getName()).isEqualTo("kube-root-ca.crt");
            assertThat(cm.getData()).containsExactly(Map.entry("ca.crt", PEM));
            assertThat(cm.getMetadata().getAnnotations()).containsKey("kubernetes.io/description");
        });
        assertThat(updated).isEmpty();
    }

    @Test
    void aChangedCaIsSetRightAndAnUnchangedOneLeftAlone() {
        namespaces.put(DefaultServiceAccountTest.namespace("changed", false));
        namespaces.put(DefaultServiceAccountTest.namespace("same", false));
        configMaps.put(rootCa("changed", "old"));
        configMaps.put(rootCa("same", PEM));

        publisher.reconcile(new ObjectKey("", "changed"));
        publisher.reconcile(new ObjectKey("", "same"));

        assertThat(updated).singleElement().satisfies(cm -> {
            assertThat(cm.getMetadata().getNamespace()).isEqualTo("changed");
            assertThat(cm.getData()).containsExactly(Map.entry("ca.crt", PEM));
        });
        assertThat(created).isEmpty();
    }

    @Test
    void aTerminatingNamespaceGetsNothing() {
        namespaces.put(DefaultServiceAccountTest.namespace("leaving", true));

        publisher.reconcile(new ObjectKey("", "leaving"));

        assertThat(created).isEmpty();
    }
}
