package io.kubelite.machinery.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;

/**
 * Ephemeral containers ({@code kubectl debug}) share a container's fields but not its type; this
 * gives one as the container it describes, so it is defaulted, validated and run as one.
 */
public final class EphemeralContainers {

    private EphemeralContainers() {
    }

    /** The container an ephemeral container describes (its {@code targetContainerName} aside). */
    public static Container asContainer(EphemeralContainer e) {
        return new ContainerBuilder().withName(e.getName()).withImage(e.getImage()).withCommand(e.getCommand())
                .withArgs(e.getArgs()).withWorkingDir(e.getWorkingDir()).withPorts(e.getPorts()).withEnvFrom(e.getEnvFrom())
                .withEnv(e.getEnv()).withResources(e.getResources()).withResizePolicy(e.getResizePolicy())
                .withRestartPolicy(e.getRestartPolicy()).withVolumeMounts(e.getVolumeMounts())
                .withVolumeDevices(e.getVolumeDevices()).withLivenessProbe(e.getLivenessProbe())
                .withReadinessProbe(e.getReadinessProbe()).withStartupProbe(e.getStartupProbe())
                .withLifecycle(e.getLifecycle()).withTerminationMessagePath(e.getTerminationMessagePath())
                .withTerminationMessagePolicy(e.getTerminationMessagePolicy()).withImagePullPolicy(e.getImagePullPolicy())
                .withSecurityContext(e.getSecurityContext()).withStdin(e.getStdin()).withStdinOnce(e.getStdinOnce())
                .withTty(e.getTty()).build();
    }
}
