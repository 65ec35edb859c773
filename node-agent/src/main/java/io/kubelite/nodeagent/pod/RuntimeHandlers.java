package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which of the engine's runtimes runs a pod, decided when its sandbox is made, as the kubelet's
 * RuntimeClass manager and the CRI decide it: a pod that names no RuntimeClass runs on the
 * engine's default runtime; one that names a class runs on the class's handler, if the engine has
 * a runtime of that name. Otherwise the sandbox is not made, and {@link Failure#message()} says why
 * in the words the kubelet's {@code FailedCreatePodSandBox} event puts after "Failed to create pod
 * sandbox: ". Examples: class {@code kata} deleted after the pod was admitted →
 * {@code runtimeclass.node.k8s.io "kata" not found}; class {@code kata} with handler {@code kata}
 * on an engine with runc only → {@code rpc error: code = Unknown desc = failed to get sandbox
 * runtime: no runtime for "kata" is configured} (containerd's answer).
 */
final class RuntimeHandlers {

    /** The event reason of a sandbox that could not be made. */
    static final String FAILED_CREATE_POD_SANDBOX = "FailedCreatePodSandBox";

    private RuntimeHandlers() {
    }

    /** What the lookup found: a handler to run the pod on, or why there is none. */
    sealed interface Resolution permits Handler, Failure {
    }

    /** @param name the engine's runtime; null for its default */
    record Handler(String name) implements Resolution {
    }

    record Failure(String message) implements Resolution {

        /** The whole event message, as the kubelet writes it. */
        String eventMessage() {
            return "Failed to create pod sandbox: " + message;
        }
    }

    /**
     * @param classes        finds a RuntimeClass by name (may throw when the API cannot be reached)
     * @param engineRuntimes the engine's runtimes, asked only when the pod names a class
     */
    static Resolution resolve(Pod pod, Function<String, Optional<RuntimeClass>> classes, Supplier<Set<String>> engineRuntimes) {
        String className = pod.getSpec().getRuntimeClassName();
        if (className == null || className.isEmpty()) {
            return new Handler(null);
        }
        Optional<RuntimeClass> runtimeClass;
        try {
            runtimeClass = classes.apply(className);
        } catch (RuntimeException e) {
            return new Failure("failed to lookup RuntimeClass " + className + ": " + e.getMessage());
        }
        if (runtimeClass.isEmpty()) {
            return new Failure("runtimeclass.node.k8s.io \"" + className + "\" not found");
        }
        String handler = runtimeClass.get().getHandler();
        if (!engineRuntimes.get().contains(handler)) {
            return new Failure("rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for \""
                    + handler + "\" is configured");
        }
        return new Handler(handler);
    }
}
