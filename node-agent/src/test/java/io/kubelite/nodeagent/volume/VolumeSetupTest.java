package io.kubelite.nodeagent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.kubelite.nodeagent.pod.ContainerConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeSetupTest {

    private static final Map<String, String> DATA = Map.of("key-serverxml", "<Server/>", "key-loggingproperties", "a=b");

    @Test
    void withoutItemsEveryKeyIsAFileNamedAfterIt() {
        assertThat(VolumeSetup.files(DATA, null, "ConfigMap x")).isEqualTo(DATA);
    }

    @Test
    void itemsPickKeysAndNameTheirFiles() {
        assertThat(VolumeSetup.files(DATA, List.of(new KeyToPath("key-serverxml", null, "server.xml", null)), "ConfigMap x"))
                .containsExactly(Map.entry("server.xml", "<Server/>"));
    }

    @Test
    void anItemNamingAMissingKeyIsAnError() {
        assertThatThrownBy(() -> VolumeSetup.files(DATA, List.of(new KeyToPath("nope", null, "f", null)), "ConfigMap x"))
                .isInstanceOf(ContainerConfigException.class).hasMessageContaining("nope");
    }
}
