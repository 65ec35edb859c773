package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kubelite.scheduler.framework.NodeInfo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The taints a node's Ready condition calls for, as Kubernetes' node lifecycle controller keeps
 * them: Ready=Unknown → {@code node.kubernetes.io/unreachable} with effects NoSchedule and NoExecute;
 * Ready=False → {@code node.kubernetes.io/not-ready} with both effects; Ready=True → neither. Other
 * taints are kept as they are, and a condition taint already present keeps its {@code timeAdded}
 * (eviction deadlines count from it).
 *
 * <p>Example: a node tainted {@code dedicated=gpu:NoSchedule} going Unknown at 12:00:20 gets
 * {@code [dedicated=gpu:NoSchedule, unreachable:NoSchedule, unreachable:NoExecute(12:00:20)]}; when it is
 * Ready again it is back to {@code [dedicated=gpu:NoSchedule]}.
 */
public final class ConditionTaints {

    private ConditionTaints() {
    }

    public static List<Taint> desired(List<Taint> current, String readyStatus, Instant now) {
        String wanted = "True".equals(readyStatus) ? null
                : "False".equals(readyStatus) ? NodeInfo.TAINT_NOT_READY : NodeInfo.TAINT_UNREACHABLE;
        List<Taint> result = new ArrayList<>();
        boolean hasNoSchedule = false;
        boolean hasNoExecute = false;
        for (Taint t : current == null ? List.<Taint>of() : current) {
            boolean conditionTaint = NodeInfo.TAINT_NOT_READY.equals(t.getKey()) || NodeInfo.TAINT_UNREACHABLE.equals(t.getKey());
            if (!conditionTaint) {
                result.add(t);
            } else if (t.getKey().equals(wanted)) {
                result.add(t);
                hasNoSchedule |= "NoSchedule".equals(t.getEffect());
                hasNoExecute |= "NoExecute".equals(t.getEffect());
            }
        }
        if (wanted != null) {
            String added = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
            if (!hasNoSchedule) {
                result.add(new TaintBuilder().withKey(wanted).withEffect("NoSchedule").build());
            }
            if (!hasNoExecute) {
                result.add(new TaintBuilder().withKey(wanted).withEffect("NoExecute").withTimeAdded(added).build());
            }
        }
        return result;
    }

    public static NodeCondition readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return c;
            }
        }
        return null;
    }
}
