package io.kubelite.machinery.managedfields;

import static io.kubelite.machinery.managedfields.FieldManagerTest.DEPLOYMENT;
import static io.kubelite.machinery.managedfields.FieldManagerTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.machinery.managedfields.FieldManager.Tracked;
import io.kubelite.machinery.managedfields.FieldManager.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ClientSideApplyUpgradeTest {

    private static final String LAST_APPLIED =
            "{\\\"apiVersion\\\":\\\"apps/v1\\\",\\\"kind\\\":\\\"Deployment\\\",\\\"metadata\\\":{\\\"name\\\":\\\"web\\\"},"
                    + "\\\"spec\\\":{\\\"replicas\\\":2}}";

    /** A Deployment {@code kubectl apply} created client-side with replicas 2, then scaled to {@code replicas}. */
    private static JsonNode live(int replicas) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','annotations':"
                + "{'kubectl.kubernetes.io/last-applied-configuration':'" + LAST_APPLIED.replace("\\\"", "\\'") + "'}},"
                + "'spec':{'replicas':" + replicas + "}}");
    }

    private static List<ManagedFieldsEntry> clientSide() {
        return FieldManager.update(List.of(), JsonNodeFactory.instance.objectNode(), live(2), DEPLOYMENT,
                Tracked.WITHOUT_STATUS, new Writer("kubectl-client-side-apply", "", "apps/v1", "t0"));
    }

    private static JsonNode config(int replicas) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':"
                + replicas + "}}");
    }

    private static FieldManager.Applied apply(String manager, List<ManagedFieldsEntry> entries, JsonNode live,
                                              int replicas) {
        return ClientSideApplyUpgrade.apply(entries, live, config(replicas), DEPLOYMENT, Tracked.WITHOUT_STATUS,
                new Writer(manager, "", "apps/v1", "t1"), false);
    }

    @Test
    void kubectlTakesOverWhatItAppliedClientSideAndKeepsTheAnnotationCurrent() {
        FieldManager.Applied applied = apply("kubectl", clientSide(), live(2), 3);

        assertThat(applied.object().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(json(applied.object().at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                .asString())).isEqualTo(config(3));
        assertThat(applied.entries()).extracting(ManagedFieldsEntry::manager).contains("kubectl");
    }

    @Test
    void aFieldChangedSinceTheLastClientSideApplyStillConflicts() {
        assertThatThrownBy(() -> apply("kubectl", clientSide(), live(5), 3))
                .isInstanceOf(ApplyConflict.class)
                .hasMessageContaining("conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
    }

    @Test
    void anotherManagerGetsNoUpgrade() {
        assertThatThrownBy(() -> apply("ci", clientSide(), live(2), 3)).isInstanceOf(ApplyConflict.class);
    }
}
