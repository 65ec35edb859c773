package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** Defaults of a single container (core/v1 {@code SetDefaults_Container} and the defaults of its parts). */
final class ContainerDefaults {

    static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

    private ContainerDefaults() {
    }

    static void apply(Container c) {
        if (isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy(imagePullPolicy(c.getImage()));
        }
        if (isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath(TERMINATION_MESSAGE_PATH);
        }
        if (isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        if (c.getResources() == null) {
            c.setResources(new ResourceRequirements());
        }
        for (ContainerPort port : orEmpty(c.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol("TCP");
            }
        }
        for (EnvVar env : orEmpty(c.getEnv())) {
            if (env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null
                    && isEmpty(env.getValueFrom().getFieldRef().getApiVersion())) {
                env.getValueFrom().getFieldRef().setApiVersion("v1");
            }
        }
        probe(c.getLivenessProbe());
        probe(c.getReadinessProbe());
        probe(c.getStartupProbe());
        lifecycle(c.getLifecycle());
    }

    /**
     * {@code Always} when the image names no tag or the tag {@code latest}, else {@code IfNotPresent}.
     * A digest without a tag pins the image, so it is {@code IfNotPresent}:
     * {@code nginx} and {@code nginx:latest} give Always, {@code nginx:1.27} and {@code nginx@sha256:...} give IfNotPresent.
     */
    static String imagePullPolicy(String image) {
        String ref = image == null ? "" : image;
        boolean digest = ref.contains("@");
        if (digest) {
            ref = ref.substring(0, ref.indexOf('@'));
        }
        String lastSegment = ref.substring(ref.lastIndexOf('/') + 1);
        int colon = lastSegment.lastIndexOf(':');
        String tag = colon < 0 ? "" : lastSegment.substring(colon + 1);
        if (tag.isEmpty()) {
            return digest ? "IfNotPresent" : "Always";
        }
        return tag.equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void probe(Probe probe) {
        if (probe == null) {
            return;
        }
        if (isZero(probe.getTimeoutSeconds())) {
            probe.setTimeoutSeconds(1);
        }
        if (isZero(probe.getPeriodSeconds())) {
            probe.setPeriodSeconds(10);
        }
        if (isZero(probe.getSuccessThreshold())) {
            probe.setSuccessThreshold(1);
        }
        if (isZero(probe.getFailureThreshold())) {
            probe.setFailureThreshold(3);
        }
        httpGet(probe.getHttpGet());
    }

    private static void lifecycle(Lifecycle lifecycle) {
        if (lifecycle == null) {
            return;
        }
        for (LifecycleHandler handler : new LifecycleHandler[] {lifecycle.getPostStart(), lifecycle.getPreStop()}) {
            if (handler != null) {
                httpGet(handler.getHttpGet());
            }
        }
    }

    private static void httpGet(HTTPGetAction http) {
        if (http == null) {
            return;
        }
        if (isEmpty(http.getPath())) {
            http.setPath("/");
        }
        if (isEmpty(http.getScheme())) {
            http.setScheme("HTTP");
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static boolean isZero(Integer i) {
        return i == null || i == 0;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
