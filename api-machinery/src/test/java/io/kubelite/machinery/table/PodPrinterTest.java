package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PodPrinterTest {

    private final TablePrinter printer = new PodPrinter();

    @Test
    void printsARunningPodWithItsWideColumns() {
        JsonNode pod = json("""
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"web-7d4b9c-x2x5q","namespace":"default",
                             "creationTimestamp":"%s","labels":{"app":"web"}},
                 "spec":{"nodeName":"node-1","containers":[{"name":"web","image":"nginx:1.27"}]},
                 "status":{"phase":"Running","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"}],
                   "conditions":[{"type":"Ready","status":"True"}],
                   "containerStatuses":[{"name":"web","ready":true,"restartCount":0,
                     "state":{"running":{"startedAt":"%s"}}}]}}
                """.formatted(ago(300), ago(290)));

        assertThat(printer.cells(pod, NOW)).containsExactly(
                "web-7d4b9c-x2x5q", "1/1", "Running", "0", "5m", "10.244.1.7", "node-1", "<none>", "<none>");
    }

    @Test
    void printsNoneForAnUnscheduledPod() {
        JsonNode pod = json("""
                {"metadata":{"name":"pending","creationTimestamp":"%s"},
                 "spec":{"containers":[{"name":"a"},{"name":"b"}]},
                 "status":{"phase":"Pending"}}
                """.formatted(ago(42)));

        assertThat(printer.cells(pod, NOW)).containsExactly(
                "pending", "0/2", "Pending", "0", "42s", "<none>", "<none>", "<none>", "<none>");
    }

    @Test
    void hasKubernetesPodColumnsWithWideOnesAtPriorityOne() {
        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(printer.columns().get(0).format()).isEqualTo("name");
        assertThat(printer.columns().get(3).type()).isEqualTo("string");
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                status("waiting for its image", "",
                        """
                        {"phase":"Pending","containerStatuses":[{"name":"app","ready":false,"restartCount":0,
                          "state":{"waiting":{"reason":"ContainerCreating"}}}]}
                        """, "ContainerCreating"),
                status("crash looping", "",
                        """
                        {"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":5,
                          "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s"}}}]}
                        """, "CrashLoopBackOff"),
                status("failing to pull", "",
                        """
                        {"phase":"Pending","containerStatuses":[{"name":"app","ready":false,
                          "state":{"waiting":{"reason":"ErrImagePull"}}}]}
                        """, "ErrImagePull"),
                status("backing off a pull", "",
                        """
                        {"phase":"Pending","containerStatuses":[{"name":"app","ready":false,
                          "state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
                        """, "ImagePullBackOff"),
                status("finished", "",
                        """
                        {"phase":"Succeeded","containerStatuses":[{"name":"app","ready":false,
                          "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                        """, "Completed"),
                status("failed with a reason", "",
                        """
                        {"phase":"Failed","containerStatuses":[{"name":"app","ready":false,
                          "state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
                        """, "Error"),
                status("exited without a reason", "",
                        """
                        {"phase":"Failed","containerStatuses":[{"name":"app",
                          "state":{"terminated":{"exitCode":2}}}]}
                        """, "ExitCode:2"),
                status("killed by a signal", "",
                        """
                        {"phase":"Failed","containerStatuses":[{"name":"app",
                          "state":{"terminated":{"exitCode":137,"signal":9}}}]}
                        """, "Signal:9"),
                status("evicted", "",
                        """
                        {"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}
                        """, "Evicted"),
                status("held by a scheduling gate", "",
                        """
                        {"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False",
                          "reason":"SchedulingGated"}]}
                        """, "SchedulingGated"),
                status("running its first init container", "",
                        """
                        {"phase":"Pending",
                         "initContainerStatuses":[{"name":"init-db","state":{"running":{}}}],
                         "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}
                        """, "Init:0/1"),
                status("running its second init container", "two-inits",
                        """
                        {"phase":"Pending",
                         "initContainerStatuses":[
                           {"name":"init-db","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                           {"name":"init-cache","state":{"running":{}}}],
                         "containerStatuses":[{"name":"app","state":{"waiting":{"reason":"PodInitializing"}}}]}
                        """, "Init:1/2"),
                status("with a failed init container", "",
                        """
                        {"phase":"Pending",
                         "initContainerStatuses":[{"name":"init-db",
                           "state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
                        """, "Init:Error"),
                status("with a crash looping init container", "",
                        """
                        {"phase":"Pending",
                         "initContainerStatuses":[{"name":"init-db","restartCount":3,
                           "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}
                        """, "Init:CrashLoopBackOff"),
                status("with an init container that exited without a reason", "",
                        """
                        {"phase":"Pending",
                         "initContainerStatuses":[{"name":"init-db","state":{"terminated":{"exitCode":3}}}]}
                        """, "Init:ExitCode:3"),
                status("being deleted", "deleting",
                        """
                        {"phase":"Running","containerStatuses":[{"name":"app","ready":true,
                          "state":{"running":{}}}]}
                        """, "Terminating"),
                status("being deleted after its node was lost", "deleting",
                        """
                        {"phase":"Running","reason":"NodeLost","containerStatuses":[{"name":"app","ready":true,
                          "state":{"running":{}}}]}
                        """, "Unknown"),
                status("deleted after it finished", "deleting",
                        """
                        {"phase":"Succeeded","containerStatuses":[{"name":"app",
                          "state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                        """, "Completed"),
                status("with one container done and one ready", "two-containers",
                        """
                        {"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
                         "containerStatuses":[
                           {"name":"app","ready":true,"state":{"running":{}}},
                           {"name":"job","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                        """, "Running"),
                status("with one container done and the pod not ready", "two-containers",
                        """
                        {"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
                         "containerStatuses":[
                           {"name":"app","ready":true,"state":{"running":{}}},
                           {"name":"job","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
                        """, "NotReady"));
    }

    @ParameterizedTest(name = "a pod {0} prints {2}")
    @MethodSource("statuses")
    void printsTheStatusKubectlShows(String description, JsonNode pod, String expected) {
        assertThat(printer.cells(pod, NOW).get(2)).isEqualTo(expected);
    }

    @Test
    void countsReadyContainersAgainstAllContainers() {
        JsonNode pod = podWithStatus("two-containers", """
                {"phase":"Running","containerStatuses":[
                  {"name":"app","ready":true,"state":{"running":{}}},
                  {"name":"job","ready":false,"state":{"running":{}}}]}
                """);

        assertThat(printer.cells(pod, NOW).subList(1, 3)).containsExactly("1/2", "Running");
    }

    @Test
    void countsAStartedSidecarAsAReadyContainer() {
        JsonNode pod = podWithStatus("sidecar", """
                {"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
                 "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,
                   "lastState":{"terminated":{"exitCode":1,"finishedAt":"%s"}},"state":{"running":{}}}],
                 "containerStatuses":[{"name":"app","ready":true,"state":{"running":{}}}]}
                """.formatted(ago(120)));

        assertThat(printer.cells(pod, NOW).subList(1, 4)).containsExactly("2/2", "Running", "1 (2m ago)");
    }

    @Test
    void showsRestartsWithTheTimeSinceTheLastOne() {
        JsonNode pod = podWithStatus("two-containers", """
                {"phase":"Running","containerStatuses":[
                  {"name":"app","ready":true,"restartCount":2,"state":{"running":{}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}},
                  {"name":"job","ready":true,"restartCount":1,"state":{"running":{}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}
                """.formatted(ago(3600), ago(300)));

        assertThat(printer.cells(pod, NOW).get(3)).isEqualTo("3 (5m ago)");
    }

    @Test
    void showsABareCountWhenTheLastRestartTimeIsUnknown() {
        JsonNode pod = podWithStatus("", """
                {"phase":"Running","containerStatuses":[
                  {"name":"app","ready":true,"restartCount":4,"state":{"running":{}}}]}
                """);

        assertThat(printer.cells(pod, NOW).get(3)).isEqualTo("4");
    }

    @Test
    void countsInitContainerRestartsOnlyWhileInitializing() {
        JsonNode initializing = podWithStatus("", """
                {"phase":"Pending","initContainerStatuses":[{"name":"init-db","restartCount":4,
                   "state":{"waiting":{"reason":"CrashLoopBackOff"}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}]}
                """.formatted(ago(30)));
        JsonNode initialized = podWithStatus("", """
                {"phase":"Running","initContainerStatuses":[{"name":"init-db","restartCount":4,
                   "state":{"terminated":{"exitCode":0,"reason":"Completed"}},
                   "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"%s"}}}],
                 "containerStatuses":[{"name":"app","ready":true,"state":{"running":{}}}]}
                """.formatted(ago(30)));

        assertThat(printer.cells(initializing, NOW).get(3)).isEqualTo("4 (30s ago)");
        assertThat(printer.cells(initialized, NOW).get(3)).isEqualTo("0");
    }

    @Test
    void countsPassingReadinessGates() {
        JsonNode pod = json("""
                {"metadata":{"name":"gated","creationTimestamp":"%s"},
                 "spec":{"containers":[{"name":"app"}],
                   "readinessGates":[{"conditionType":"example.com/lb-ready"},{"conditionType":"example.com/warm"}]},
                 "status":{"phase":"Running","nominatedNodeName":"node-2","conditions":[
                   {"type":"example.com/lb-ready","status":"True"},{"type":"example.com/warm","status":"False"}]}}
                """.formatted(ago(10)));

        assertThat(printer.cells(pod, NOW).subList(7, 9)).containsExactly("node-2", "1/2");
    }

    @Test
    void printsAnEmptyStatusAndUnknownAgeForABareObject() {
        List<Object> cells = printer.cells(json("{\"metadata\":{\"name\":\"bare\"}}"), NOW);

        assertThat(cells).containsExactly("bare", "0/0", "", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>");
    }

    private static Arguments status(String description, String shape, String status, String expected) {
        return Arguments.of(description, podWithStatus(shape, status), expected);
    }

    /** A pod of the given spec shape with the given status; "deleting" adds a deletionTimestamp. */
    private static JsonNode podWithStatus(String shape, String status) {
        String containers = switch (shape) {
            case "two-containers" -> """
                    "containers":[{"name":"app","image":"app:1"},{"name":"job","image":"job:1"}]""";
            case "two-inits" -> """
                    "initContainers":[{"name":"init-db"},{"name":"init-cache"}],
                    "containers":[{"name":"app","image":"app:1"}]""";
            case "sidecar" -> """
                    "initContainers":[{"name":"proxy","image":"envoy:1","restartPolicy":"Always"}],
                    "containers":[{"name":"app","image":"app:1"}]""";
            default -> """
                    "initContainers":[{"name":"init-db","image":"busybox"}],
                    "containers":[{"name":"app","image":"app:1"}]""";
        };
        String deletion = "deleting".equals(shape) ? ",\"deletionTimestamp\":\"" + ago(5) + "\"" : "";
        return json("""
                {"metadata":{"name":"p","namespace":"default","creationTimestamp":"%s"%s},
                 "spec":{%s},
                 "status":%s}
                """.formatted(ago(600), deletion, containers, status));
    }
}
