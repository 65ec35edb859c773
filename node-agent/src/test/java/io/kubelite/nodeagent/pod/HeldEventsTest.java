package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HeldEventsTest {

    static final Pod POD = new PodBuilder().withNewMetadata().withName("web").endMetadata().build();

    final List<String> written = new CopyOnWriteArrayList<>();
    final HeldEvents events = new HeldEvents(new PodEvents() {
        @Override
        public void normal(Pod pod, String fieldPath, String reason, String message) {
            written.add("Normal " + reason);
        }

        @Override
        public void warning(Pod pod, String fieldPath, String reason, String message) {
            written.add("Warning " + reason);
        }
    });

    @Test
    void writesAtOnceUnlessHeld() {
        events.normal(POD, null, "Started", "");
        assertThat(written).containsExactly("Normal Started");
    }

    @Test
    void heldEventsAreWrittenInOrderOnRelease() {
        events.hold();
        events.normal(POD, null, "Pulled", "");
        events.warning(POD, null, "Failed", "");
        events.normal(POD, null, "Created", "");
        assertThat(written).isEmpty();
        events.release();
        assertThat(written).containsExactly("Normal Pulled", "Warning Failed", "Normal Created");
        events.normal(POD, null, "Started", "");
        assertThat(written).as("no longer held").endsWith("Normal Started");
    }

    @Test
    void flushWritesWhatIsHeldAndKeepsHolding() {
        events.hold();
        events.normal(POD, null, "Pulling", "");
        events.flush();
        assertThat(written).containsExactly("Normal Pulling");
        events.normal(POD, null, "Pulled", "");
        assertThat(written).containsExactly("Normal Pulling");
        events.release();
        assertThat(written).containsExactly("Normal Pulling", "Normal Pulled");
    }

    @Test
    void anotherThreadsEventsAreNotHeld() throws Exception {
        events.hold();
        Thread probe = new Thread(() -> events.warning(POD, null, "Unhealthy", ""));
        probe.start();
        probe.join();
        assertThat(written).containsExactly("Warning Unhealthy");
        events.release();
    }

    @Test
    void releaseAndFlushWithoutHoldDoNothing() {
        events.flush();
        events.release();
        assertThat(written).isEmpty();
    }
}
