package io.kubelite.objectstore.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubelite.objectstore.ApiServerTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: kube-apiserver's request and storage metrics as a Prometheus scrape reads them. */
class MetricsIT extends ApiServerTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample of a scrape: its name, its labels and its value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private List<Sample> scrape() {
        var r = api.get("/metrics");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
        return r.raw().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(MetricsIT::sample).toList();
    }

    private static Sample sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        assertThat(m.matches()).as("a sample line: %s", line).isTrue();
        Map<String, String> labels = new TreeMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
    }

    /** The value of the sample with exactly these labels (name, value, …), 0 when there is none yet. */
    private static double value(List<Sample> scrape, String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return scrape.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .mapToDouble(Sample::value).findFirst().orElse(0);
    }

    private static String[] request(String verb, String dryRun, String resource, String subresource, String scope,
                                    String code) {
        return new String[] {"code", code, "component", "apiserver", "dry_run", dryRun, "group", "", "resource", resource,
                "scope", scope, "subresource", subresource, "verb", verb, "version", "v1"};
    }

    @Test
    void everyRequestIsCountedUnderKubeApiserversLabels() {
        api.post("/api/v1/namespaces", """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"metrics-count"}}""");
        String cms = "/api/v1/namespaces/metrics-count/configmaps";
        List<Sample> before = scrape();

        assertThat(api.post(cms, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"}}""").code()).isEqualTo(201);
        assertThat(api.post(cms + "?dryRun=All", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}""").code()).isEqualTo(201);
        assertThat(api.post(cms, """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}""").code()).isEqualTo(409);
        assertThat(api.get(cms + "/a").code()).isEqualTo(200);
        assertThat(api.get(cms + "/missing").code()).isEqualTo(404);
        assertThat(api.get(cms).code()).isEqualTo(200);
        assertThat(api.patch(cms + "/a?fieldManager=metrics&force=true", "application/apply-patch+yaml", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"w"}}""").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/metrics-count/configmaps?watch=true&timeoutSeconds=1").code())
                .isEqualTo(200);
        assertThat(api.get("/healthz").code()).isEqualTo(200);

        List<Sample> after = scrape();
        Map<String[], Double> expected = Map.of(
                request("POST", "", "configmaps", "", "resource", "201"), 1.0,
                request("POST", "All", "configmaps", "", "resource", "201"), 1.0,
                request("POST", "", "configmaps", "", "resource", "409"), 1.0,
                request("GET", "", "configmaps", "", "resource", "200"), 1.0,
                request("GET", "", "configmaps", "", "resource", "404"), 1.0,
                request("LIST", "", "configmaps", "", "namespace", "200"), 1.0,
                request("APPLY", "", "configmaps", "", "resource", "200"), 1.0,
                request("WATCH", "", "configmaps", "", "namespace", "200"), 1.0);
        expected.forEach((labels, delta) -> assertThat(value(after, "apiserver_request_total", labels)
                - value(before, "apiserver_request_total", labels)).as(String.join(",", labels)).isEqualTo(delta));
        assertThat(value(after, "apiserver_request_total", "code", "200", "component", "apiserver", "dry_run", "",
                "group", "", "resource", "", "scope", "", "subresource", "/healthz", "verb", "GET", "version", ""))
                .isGreaterThanOrEqualTo(1);

        // the duration histogram counts the same requests in kube's buckets, the watch near its one-second timeout
        String[] watch = {"component", "apiserver", "dry_run", "", "group", "", "resource", "configmaps",
                "scope", "namespace", "subresource", "", "verb", "WATCH", "version", "v1"};
        assertThat(value(after, "apiserver_request_duration_seconds_count", watch)
                - value(before, "apiserver_request_duration_seconds_count", watch)).isEqualTo(1);
        String[] watchUnderHalfASecond = append(watch, "le", "0.4");
        assertThat(value(after, "apiserver_request_duration_seconds_bucket", watchUnderHalfASecond)
                - value(before, "apiserver_request_duration_seconds_bucket", watchUnderHalfASecond)).isZero();
        String[] watchUnderTwoSeconds = append(watch, "le", "2.0");
        assertThat(value(after, "apiserver_request_duration_seconds_bucket", watchUnderTwoSeconds)
                - value(before, "apiserver_request_duration_seconds_bucket", watchUnderTwoSeconds)).isEqualTo(1);

        // reads are sized: the one-object GET is under a kilobyte, the list too
        String[] get = {"component", "apiserver", "group", "", "resource", "configmaps", "scope", "resource",
                "subresource", "", "verb", "GET", "version", "v1"};
        assertThat(value(after, "apiserver_response_sizes_count", get) - value(before, "apiserver_response_sizes_count", get))
                .isEqualTo(2); // the object and the 404
        assertThat(value(after, "apiserver_response_sizes_sum", get) - value(before, "apiserver_response_sizes_sum", get))
                .isBetween(200.0, 2_000.0);
    }

    private static String[] append(String[] labels, String... more) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + more.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }

    @Test
    void anOpenWatchIsALongRunningRequestUntilItEnds() throws Exception {
        String[] labels = {"component", "apiserver", "group", "", "resource", "configmaps", "scope", "cluster",
                "subresource", "", "verb", "WATCH", "version", "v1"};
        double idle = value(scrape(), "apiserver_longrunning_requests", labels);
        HttpResponse<InputStream> watch = api.stream("/api/v1/configmaps?watch=true&timeoutSeconds=2");
        try (InputStream events = watch.body()) {
            assertThat(watch.statusCode()).isEqualTo(200);
            assertThat(value(scrape(), "apiserver_longrunning_requests", labels)).isEqualTo(idle + 1);
            events.readAllBytes(); // until the server ends the watch at its timeout
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(scrape(), "apiserver_longrunning_requests", labels)).isEqualTo(idle));
    }

    @Test
    void storedObjectsAreCountedPerResourceAsKubeNamesThem() {
        api.post("/api/v1/namespaces", """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"metrics-store"}}""");
        api.post("/apis/apps/v1/namespaces/metrics-store/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"c","image":"busybox"}]}}}}""");
        int namespaces = api.get("/api/v1/namespaces").body().path("items").size();
        int deployments = api.get("/apis/apps/v1/deployments").body().path("items").size();
        List<Sample> scrape = scrape();
        assertThat(value(scrape, "apiserver_storage_objects", "resource", "namespaces")).isEqualTo(namespaces);
        assertThat(value(scrape, "apiserver_storage_objects", "resource", "deployments.apps")).isEqualTo(deployments);
        assertThat(deployments).isPositive();
    }

    @Test
    void theBuildAndTheProcessAreDescribed() {
        List<Sample> scrape = scrape();
        Sample build = scrape.stream().filter(s -> s.name().equals("kubernetes_build_info")).findFirst().orElseThrow();
        assertThat(build.labels()).containsEntry("git_version", "v1.32.0-kubelite").containsEntry("major", "1")
                .containsEntry("minor", "32");
        assertThat(build.value()).isEqualTo(1);
        assertThat(value(scrape, "process_cpu_seconds_total")).isPositive();
        assertThat(value(scrape, "process_resident_memory_bytes")).isGreaterThan(10_000_000);
        assertThat(scrape).anyMatch(s -> s.name().equals("apiserver_current_inflight_requests")
                && s.labels().equals(Map.of("request_kind", "readOnly")));
    }

    @Test
    void onlyWhomRbacLetsGetTheUrlReadsTheMetrics() {
        Reply refused = as("jane", List.of("system:authenticated"), "GET", "/metrics", null);
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("forbidden: User \"jane\" cannot get path \"/metrics\"");

        var r = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("X-Remote-User", "prometheus").header("X-Remote-Group", "system:monitoring")
                .header("X-Remote-Group", "system:authenticated").GET());
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.raw()).contains("# TYPE apiserver_current_inflight_requests gauge", "kubernetes_build_info{");
    }
}
