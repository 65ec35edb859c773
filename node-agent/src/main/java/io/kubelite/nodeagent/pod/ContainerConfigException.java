package io.kubelite.nodeagent.pod;

/**
 * A container cannot be created from its spec as it stands (a referenced ConfigMap or key is
 * missing): the container waits with reason {@code CreateContainerConfigError} and this message.
 */
public final class ContainerConfigException extends RuntimeException {

    public ContainerConfigException(String message) {
        super(message);
    }
}
