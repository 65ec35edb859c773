package io.kubelite.objectstore.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.objectstore.storage.Change;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch starts where it was opened. A client that has its answer — fabric8's {@code watch()}
 * returns on the WebSocket's 101 — and then writes must see each write, even when the stream's
 * thread starts only after the writes were committed.
 */
class WatchStreamTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A log and the state it leads to, written by the test; the stream ends after one pass. */
    static final class Log implements WatchSource {
        final List<Change> changes = new ArrayList<>();
        final List<ObjectNode> state = new ArrayList<>();
        long latest;

        void commit(String type, String name, String value) {
            latest++;
            ObjectNode cm = configMap(name, value);
            changes.add(new Change(latest, "configmaps", "default", name, type, cm));
            state.removeIf(o -> o.path("metadata").path("name").asString("").equals(name));
            if (!type.equals("DELETED")) {
                state.add(cm);
            }
        }

        @Override
        public Snapshot snapshot() {
            return new Snapshot(List.copyOf(state), latest);
        }

        @Override
        public List<Change> changesAfter(long resourceVersion, int limit) {
            return changes.stream().filter(c -> c.resourceVersion() > resourceVersion).limit(limit).toList();
        }

        @Override
        public ObjectNode convert(ObjectNode stored) {
            return stored;
        }

        @Override
        public long latestResourceVersion() {
            return latest;
        }

        @Override
        public boolean closed() {
            return true;
        }

        @Override
        public long signalled() {
            return latest;
        }

        @Override
        public void awaitNewerThan(long seen, long timeoutMillis) {
        }
    }

    static ObjectNode configMap(String name, String value) {
        ObjectNode cm = JSON.createObjectNode();
        cm.putObject("metadata").put("name", name).put("namespace", "default");
        cm.putObject("data").put("k", value);
        return cm;
    }

    static List<String> events(WatchStream stream) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.writeTo(out);
        return out.toString(StandardCharsets.UTF_8).lines()
                .map(JSON::readTree)
                .map(e -> e.path("type").asString() + " " + e.path("object").path("metadata").path("name").asString()
                        + " " + e.path("object").path("data").path("k").asString())
                .toList();
    }

    static WatchRequest fromNow() {
        return new WatchRequest("default", true, 0, null, false, o -> true, o -> o, rv -> null);
    }

    @Test
    void writesCommittedAfterTheWatchOpenedButBeforeItsStreamBeganAreEachAnEvent() throws Exception {
        Log log = new Log();
        log.commit("ADDED", "existing", "e");
        WatchStream stream = new WatchStream(log, fromNow(), JSON, Clock.systemUTC());

        log.commit("ADDED", "w", "v1");
        log.commit("MODIFIED", "w", "v2");
        log.commit("DELETED", "w", "v2");

        assertThat(events(stream)).containsExactly("ADDED existing e", "ADDED w v1", "MODIFIED w v2", "DELETED w v2");
    }

    @Test
    void aWatchFromAResourceVersionSendsNoInitialStateAndEveryLaterChange() throws Exception {
        Log log = new Log();
        log.commit("ADDED", "w", "v1");
        WatchStream stream = new WatchStream(log,
                new WatchRequest("default", false, 1, null, false, o -> true, o -> o, rv -> null), JSON, Clock.systemUTC());
        log.commit("MODIFIED", "w", "v2");

        assertThat(events(stream)).containsExactly("MODIFIED w v2");
    }
}
