package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubelite.scheduler.filters.Tolerations;
import io.kubelite.scheduler.framework.NodeInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a pod must leave a node with NoExecute taints (Kubernetes' taint manager): at once if it does
 * not tolerate one of them; never if every one is tolerated without {@code tolerationSeconds}; else at
 * the earliest {@code timeAdded + tolerationSeconds}.
 *
 * <p>The API server gives every pod Kubernetes' default tolerations of not-ready and unreachable for
 * 300 s. A toleration of exactly that shape counts as no choice of the pod's own and is replaced by the
 * configured {@code podEvictionTimeout} (10 s by default), so pods of a dead node are replaced quickly;
 * any other tolerationSeconds is honoured as written. Example: unreachable since 12:00:20, timeout 10 s:
 * a pod with the default toleration goes at 12:00:30, one tolerating it for 60 s at 12:01:20, a
 * DaemonSet pod (no tolerationSeconds) stays.
 */
public final class Evictions {

    static final long ADMISSION_DEFAULT_SECONDS = 300;

    private Evictions() {
    }

    public static Optional<Instant> evictAt(Pod pod, List<Taint> taints, Instant now, Duration podEvictionTimeout) {
        Instant earliest = null;
        for (Taint taint : taints) {
            if (!"NoExecute".equals(taint.getEffect())) {
                continue;
            }
            Optional<Toleration> toleration = Tolerations.matching(Tolerations.of(pod), taint);
            if (toleration.isEmpty()) {
                return Optional.of(now);
            }
            Long seconds = toleration.get().getTolerationSeconds();
            if (seconds == null) {
                continue;
            }
            Duration allowed = isAdmissionDefault(toleration.get()) ? podEvictionTimeout
                    : Duration.ofSeconds(Math.max(0, seconds));
            Instant added = NodeHealth.parse(taint.getTimeAdded());
            Instant at = (added == null ? now : added).plus(allowed);
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
        }
        return Optional.ofNullable(earliest);
    }

    static boolean isAdmissionDefault(Toleration t) {
        return "Exists".equals(t.getOperator()) && "NoExecute".equals(t.getEffect())
                && (NodeInfo.TAINT_UNREACHABLE.equals(t.getKey()) || NodeInfo.TAINT_NOT_READY.equals(t.getKey()))
                && t.getTolerationSeconds() != null && t.getTolerationSeconds() == ADMISSION_DEFAULT_SECONDS;
    }
}
