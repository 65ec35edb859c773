package io.kubelite.replication.statefulset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulPlanTest {

    /**
     * Pods as {@code ordinal:revision:state}, state one of {@code ok} (Running and Ready),
     * {@code starting}, {@code failed}, {@code terminating}; revisions {@code old} and {@code new}
     * (the update revision). Actions as {@code +ordinal} (created at the update revision),
     * {@code +ordinal@current} and {@code -ordinal}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            ordered: the first pod first                           | OrderedReady | 3 | 0 | RollingUpdate | none                               | +0
            ordered: the next waits for the one before to be ready | OrderedReady | 3 | 0 | RollingUpdate | 0:new:starting                     | none
            ordered: then the next                                 | OrderedReady | 3 | 0 | RollingUpdate | 0:new:ok                           | +1
            ordered: a gap is filled before anything else          | OrderedReady | 3 | 0 | RollingUpdate | 0:new:ok 2:new:ok                  | +1
            parallel: all at once                                  | Parallel     | 3 | 0 | RollingUpdate | none                               | +0 +1 +2
            parallel: no waiting for readiness                     | Parallel     | 3 | 0 | RollingUpdate | 0:new:starting                     | +1 +2
            a failed pod is replaced                               | OrderedReady | 3 | 0 | RollingUpdate | 0:new:ok 1:new:failed 2:new:ok     | -1
            ordered: scale down from the highest ordinal           | OrderedReady | 1 | 0 | RollingUpdate | 0:new:ok 1:new:ok 2:new:ok         | -2
            ordered: one at a time, waiting for it to go           | OrderedReady | 1 | 0 | RollingUpdate | 0:new:ok 1:new:ok 2:new:terminating | none
            ordered: no scale down while a remaining pod is unready | OrderedReady | 1 | 0 | RollingUpdate | 0:new:starting 1:new:ok           | none
            ordered: the first unready condemned pod may go        | OrderedReady | 1 | 0 | RollingUpdate | 0:new:ok 1:new:ok 2:new:starting   | -2
            ordered: a ready condemned pod goes first, unready below it or not | OrderedReady | 1 | 0 | RollingUpdate | 0:new:ok 1:new:starting 2:new:ok | -2
            ordered: an unready condemned pod above the first unready waits | OrderedReady | 1 | 0 | RollingUpdate | 0:new:ok 1:new:starting 2:new:starting | none
            parallel: scale down all at once                       | Parallel     | 1 | 0 | RollingUpdate | 0:new:ok 1:new:ok 2:new:ok         | -2 -1
            scale to zero                                          | OrderedReady | 0 | 0 | RollingUpdate | 0:new:ok                           | -0
            a rolling update replaces the highest ordinal first    | OrderedReady | 3 | 0 | RollingUpdate | 0:old:ok 1:old:ok 2:old:ok         | -2
            then the next down once the updated one is ready       | OrderedReady | 3 | 0 | RollingUpdate | 0:old:ok 1:old:ok 2:new:ok         | -1
            it waits for the replaced pod                          | Parallel     | 3 | 0 | RollingUpdate | 0:old:ok 1:old:ok 2:new:starting   | none
            a replaced pod comes back at the update revision       | OrderedReady | 3 | 0 | RollingUpdate | 0:old:ok 1:old:ok                  | +2
            a partition keeps the ordinals below it                | OrderedReady | 3 | 2 | RollingUpdate | 0:old:ok 1:old:ok 2:new:ok         | none
            below the partition a pod is made at the current revision | OrderedReady | 3 | 2 | RollingUpdate | none                            | +0@current
            on delete: nothing is replaced by the controller       | OrderedReady | 3 | 0 | OnDelete      | 0:old:ok 1:old:ok 2:old:ok         | none
            on delete: a deleted pod comes back at the update revision | OrderedReady | 3 | 0 | OnDelete  | 0:old:ok 1:old:ok                  | +2
            """)
    void takesTheNextStep(String name, String policy, int replicas, int partition, String strategy, String pods,
            String expected) {
        StatefulPlan.Spec spec = new StatefulPlan.Spec(0, replicas, policy.equals("OrderedReady"),
                strategy.equals("RollingUpdate"), partition, "web-new");

        StatefulPlan plan = StatefulPlan.decide(spec, pods(pods));

        assertThat(render(plan)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "start {0}")
    @CsvSource({"5, +5", "0, +0"})
    void ordinalsBeginAtTheirStart(int start, String expected) {
        StatefulPlan plan = StatefulPlan.decide(new StatefulPlan.Spec(start, 2, true, true, 0, "web-new"), List.of());

        assertThat(render(plan)).isEqualTo(expected);
    }

    static List<StatefulPlan.PodState> pods(String text) {
        List<StatefulPlan.PodState> pods = new ArrayList<>();
        if (text == null) {
            return pods;
        }
        for (String p : text.trim().split("\\s+")) {
            String[] f = p.split(":");
            int ordinal = Integer.parseInt(f[0]);
            pods.add(new StatefulPlan.PodState("web-" + ordinal, ordinal, "web-" + f[1], f[2].equals("terminating"),
                    f[2].equals("failed"), f[2].equals("ok")));
        }
        return pods;
    }

    static String render(StatefulPlan plan) {
        List<String> out = new ArrayList<>();
        for (StatefulPlan.Action a : plan.actions()) {
            if (a instanceof StatefulPlan.Create c) {
                out.add("+" + c.ordinal() + (c.atUpdateRevision() ? "" : "@current"));
            } else if (a instanceof StatefulPlan.Delete d) {
                out.add("-" + d.ordinal());
            }
        }
        return String.join(" ", out);
    }
}
