package io.kubelite.machinery.podsecurity;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubelite.machinery.pod.EphemeralContainers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pod (or pod template) under evaluation, with the nil-safety the Go checks get from zero
 * values: absent lists are empty, absent booleans are false, absent names are {@code ""}.
 */
final class CheckedPod {

    private final ObjectMeta meta;
    private final PodSpec spec;
    private final int minor;
    private final List<Container> containers;

    /** @param minor the policy minor version whose check revisions apply (see {@link LevelVersion#effectiveMinor()}) */
    CheckedPod(ObjectMeta meta, PodSpec spec, int minor) {
        this.meta = meta == null ? new ObjectMeta() : meta;
        this.spec = spec == null ? new PodSpec() : spec;
        this.minor = minor;
        List<Container> all = new ArrayList<>(orEmpty(this.spec.getInitContainers()));
        all.addAll(orEmpty(this.spec.getContainers()));
        for (EphemeralContainer e : orEmpty(this.spec.getEphemeralContainers())) {
            all.add(e == null ? null : EphemeralContainers.asContainer(e));
        }
        all.removeIf(Objects::isNull);
        this.containers = List.copyOf(all);
    }

    PodSpec spec() {
        return spec;
    }

    int minor() {
        return minor;
    }

    /**
     * Every container in kube's visiting order: init containers, then containers, then ephemeral
     * containers. Details list offending containers in this order, e.g. {@code containers "init", "app"}.
     */
    List<Container> containers() {
        return containers;
    }

    List<Volume> volumes() {
        return orEmpty(spec.getVolumes()).stream().filter(Objects::nonNull).toList();
    }

    Map<String, String> annotations() {
        return meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    /** The pod-level security context, or an empty one. */
    PodSecurityContext podContext() {
        return spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
    }

    /** {@code spec.os.name: windows}; from policy v1.25 some restricted checks exempt such pods. */
    boolean windows() {
        return spec.getOs() != null && "windows".equals(spec.getOs().getName());
    }

    static SecurityContext context(Container c) {
        return c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
    }

    static String name(Container c) {
        return c.getName() == null ? "" : c.getName();
    }

    static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
