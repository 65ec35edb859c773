package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes' toleration matching. A toleration matches a taint when the effects agree (an empty
 * effect matches every effect), the keys agree (an empty key with operator Exists matches every
 * key) and, for operator Equal (the default), the values are equal.
 *
 * <p>Example: {@code {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}} tolerates
 * {@code dedicated=gpu:NoSchedule} but not {@code dedicated=db:NoSchedule} nor {@code dedicated=gpu:NoExecute}.
 */
public final class Tolerations {

    private Tolerations() {
    }

    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        boolean exists = "Exists".equals(toleration.getOperator());
        if (isEmpty(toleration.getKey())) {
            if (!exists) {
                return false;
            }
        } else if (!toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        if (exists) {
            return true;
        }
        return Objects.equals(emptyIfNull(toleration.getValue()), emptyIfNull(taint.getValue()));
    }

    /** The first of the pod's tolerations matching {@code taint}. */
    public static Optional<Toleration> matching(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return Optional.empty();
        }
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static List<Toleration> of(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
