package io.kubelite.nodeagent.staticpod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class StaticPodsTest {

    static final String MANIFEST = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: c
                image: busybox:1.35
            """;

    @Test
    void aManifestBecomesAMirrorPodNamedAfterTheNodeAndBoundToIt() {
        Pod mirror = StaticPods.mirror(MANIFEST, "node-1");
        assertThat(mirror.getMetadata().getName()).isEqualTo("web-node-1");
        assertThat(mirror.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(mirror.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(mirror.getMetadata().getAnnotations()).containsKey(StaticPods.MIRROR)
                .containsEntry(StaticPods.SOURCE, "file");
    }

    @Test
    void aChangedManifestGetsAnotherMirrorHash() {
        String before = StaticPods.mirror(MANIFEST, "node-1").getMetadata().getAnnotations().get(StaticPods.MIRROR);
        String after = StaticPods.mirror(MANIFEST.replace("busybox:1.35", "busybox:1.36"), "node-1")
                .getMetadata().getAnnotations().get(StaticPods.MIRROR);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aManifestOfAnotherKindIsNoStaticPod() {
        assertThat(StaticPods.mirror("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "node-1")).isNull();
    }
}
