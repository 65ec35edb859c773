package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.kubelite.controller.informer.MetadataKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomKindsTest {

    static CustomResourceDefinition definition(String scope, String... versionsStorageFirst) {
        var spec = new CustomResourceDefinitionBuilder().withNewMetadata().withName("backups.ops.example.com").endMetadata()
                .withNewSpec().withGroup("ops.example.com").withScope(scope)
                .withNewNames().withKind("Backup").withPlural("backups").endNames();
        for (int i = 0; i < versionsStorageFirst.length; i++) {
            spec.addNewVersion().withName(versionsStorageFirst[i]).withServed(true).withStorage(i == 0).endVersion();
        }
        return spec.endSpec().build();
    }

    @Test
    void aDefinitionsKindIsCollectedInItsStorageVersion() {
        assertThat(CustomKinds.servedAs(definition("Namespaced", "v1", "v1beta1")))
                .contains(new MetadataKind("ops.example.com/v1", "Backup", "backups", true));
        assertThat(CustomKinds.servedAs(definition("Cluster", "v2"))).get().extracting(MetadataKind::namespaced).isEqualTo(false);
        assertThat(CustomKinds.servedAs(definition("Namespaced"))).as("no version stores it").isEmpty();
    }

    @Test
    void anOwnerReferenceInAnyVersionOfTheGroupNamesTheKind() {
        GcKind<?> backups = GcKind.metadata(new MetadataKind("ops.example.com/v1", "Backup", "backups", true),
                new io.kubelite.controller.informer.MapLister<>(), null);

        assertThat(backups.matches("ops.example.com/v1beta1", "Backup")).isTrue();
        assertThat(backups.matches("ops.example.com/v1", "Backup")).isTrue();
        assertThat(backups.matches("other.example.com/v1", "Backup")).isFalse();
        assertThat(backups.matches("ops.example.com/v1", "Restore")).isFalse();
        assertThat(GarbageCollectors.controllerName(backups)).isEqualTo("garbagecollector-backups.ops.example.com");
    }
}
