package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ServiceAccounts as a kubectl user meets them: every namespace has {@code default} (made again
 * when deleted), pods run as it unless they name another that exists and find its token, the
 * cluster's CA and their namespace in /var/run/secrets/kubernetes.io/serviceaccount, and
 * {@code kubectl create token} gives a token the API takes as the account, and the account may do
 * what RBAC grants it: nothing but discovery until a RoleBinding binds it to a role.
 */
class ServiceAccountIT {

    static final String NS = "accounts";
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    static String pod(String name, String account) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: main, image: IMAGE, command: ["sleep", "3600"]}
                """.formatted(name, account == null ? "" : "serviceAccountName: " + account);
    }

    @Test
    void aNamespaceHasItsDefaultServiceAccountWhichPodsRunAsAndWhichComesBack() {
        assertThat(kubectl.run("get", "serviceaccounts", "-n", NS).stdout()).containsPattern("(?m)^default\\s+0\\s+");
        suite.apply(pod("plain", null));
        assertThat(kubectl.run("get", "pod", "plain", "-n", NS, "-o", "jsonpath={.spec.serviceAccountName}").stdout())
                .isEqualTo("default");

        String uid = kubectl.run("get", "sa", "default", "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout();
        assertThat(kubectl.run("delete", "sa", "default", "-n", NS).code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var again = kubectl.run("get", "sa", "default", "-n", NS, "-o", "jsonpath={.metadata.uid}");
            assertThat(again.code()).isZero();
            assertThat(again.stdout()).isNotBlank().isNotEqualTo(uid);
        });
    }

    static Kubectl.Result review(String token, String audiences) {
        return kubectl.runWithInput("""
                apiVersion: authentication.k8s.io/v1
                kind: TokenReview
                spec: {token: "%s"%s}
                """.formatted(token, audiences == null ? "" : ", audiences: " + audiences), "create", "-f", "-", "-o",
                "jsonpath={.status.authenticated}|{.status.user.username}|{.status.user.groups}|{.status.audiences}|{.status.error}");
    }

    /** TokenReview, as a service outside the API (Vault's Kubernetes auth, say) asks who a token is. */
    @Test
    void aTokenReviewSaysWhoATokenIsForTheAudiencesItNames() {
        assertThat(kubectl.run("create", "serviceaccount", "reviewed", "-n", NS).code()).isZero();
        String vault = kubectl.run("create", "token", "reviewed", "-n", NS, "--audience=vault").stdout().trim();
        var authenticated = review(vault, "[vault]");
        assertThat(authenticated.code()).as(authenticated.all()).isZero();
        assertThat(authenticated.stdout()).isEqualTo("true|system:serviceaccount:" + NS + ":reviewed|"
                + "[\"system:serviceaccounts\",\"system:serviceaccounts:" + NS + "\",\"system:authenticated\"]|[\"vault\"]|");
        assertThat(review(vault, null).stdout()).as("the API's audience by default")
                .isEqualTo("||||[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences "
                        + "[\"https://kubernetes.default.svc.cluster.local\"]]");
        assertThat(review("abc.def.ghi", null).stdout()).startsWith("||||[invalid bearer token, ");
        var empty = review("", null);
        assertThat(empty.code()).isNotZero();
        assertThat(empty.stderr()).contains("token is required for TokenReview in authentication");

        assertThat(kubectl.run("delete", "serviceaccount", "reviewed", "-n", NS).code()).isZero();
        assertThat(review(vault, "[vault]").stdout()).as("the account is gone")
                .isEqualTo("||||[invalid bearer token, service account token has been invalidated]");
    }

    @Test
    void aPodNamingAMissingServiceAccountIsForbiddenUntilItExists() {
        var refused = kubectl.runWithInput(pod("builds", "builder").replace("IMAGE", suite.image()), "apply", "-n", NS, "-f", "-");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("pods \"builds\" is forbidden: error looking up service account "
                + NS + "/builder: serviceaccount \"builder\" not found");

        assertThat(kubectl.run("create", "serviceaccount", "builder", "-n", NS).code()).isZero();
        suite.apply(pod("builds", "builder"));
        assertThat(kubectl.run("get", "pod", "builds", "-n", NS, "-o", "jsonpath={.spec.serviceAccountName}").stdout())
                .isEqualTo("builder");
    }

    /** The kubelet's kube-api-access volume: the account's token, the cluster's CA and the namespace, as files. */
    @Test
    void aPodFindsItsTokenTheClustersCaAndItsNamespaceWhereClientsLookForThem() throws Exception {
        suite.apply(pod("client", null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "client", "-n", NS).stdout()).containsPattern("client\\s+1/1\\s+Running"));
        String dir = "/var/run/secrets/kubernetes.io/serviceaccount/";

        assertThat(kubectl.run("exec", "client", "-n", NS, "--", "cat", dir + "namespace").stdout()).isEqualTo(NS);
        assertThat(kubectl.run("exec", "client", "-n", NS, "--", "cat", dir + "ca.crt").stdout())
                .isEqualTo(Files.readString(suite.cluster().state.resolve("tls/ca.crt")));
        String token = kubectl.run("exec", "client", "-n", NS, "--", "cat", dir + "token").stdout();
        assertThat(token.split("\\.")).hasSize(3);
        var unbound = kubectl.run("--token=" + token, "get", "pod", "client", "-n", NS);
        assertThat(unbound.stderr()).as("an account may do nothing until it is bound to a role").contains(
                "pods \"client\" is forbidden: User \"system:serviceaccount:" + NS + ":default\" cannot get resource "
                        + "\"pods\" in API group \"\" in the namespace \"" + NS + "\"");
        assertThat(kubectl.run("create", "rolebinding", "default-view", "--clusterrole=view",
                "--serviceaccount=" + NS + ":default", "-n", NS).code()).isZero();
        var asPod = kubectl.run("--token=" + token, "get", "pod", "client", "-n", NS);
        assertThat(asPod.code()).as(asPod.all()).isZero();
        var readOnly = kubectl.run("exec", "client", "-n", NS, "--", "sh", "-c", "echo x > " + dir + "token");
        assertThat(readOnly.code()).isNotZero();

        assertThat(kubectl.run("delete", "pod", "client", "-n", NS, "--wait=false").code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kubectl.run("--token=" + token, "get", "pods", "-n", NS).stderr())
                .as("the token is bound to the pod, which is gone").contains("(Unauthorized)"));
    }

    @Test
    void kubectlCreateTokenGivesATokenTheApiTakesAsTheAccount() {
        assertThat(kubectl.run("create", "serviceaccount", "robot", "-n", NS).code()).isZero();
        var created = kubectl.run("create", "token", "robot", "-n", NS, "--duration=20m");
        assertThat(created.code()).as(created.all()).isZero();
        String token = created.stdout().strip();
        assertThat(token.split("\\.")).hasSize(3);

        var whoami = kubectl.run("--token=" + token, "auth", "whoami");
        assertThat(whoami.stdout()).containsPattern("Username\\s+system:serviceaccount:" + NS + ":robot")
                .contains("system:serviceaccounts:" + NS);
        var cannot = kubectl.run("--token=" + token, "auth", "can-i", "list", "pods", "-n", NS);
        assertThat(cannot.code()).isOne();
        assertThat(cannot.stdout().strip()).isEqualTo("no");
        assertThat(kubectl.run("--token=" + token, "get", "pods", "-n", NS).stderr()).contains("(Forbidden)");
        assertThat(kubectl.run("--token=" + token, "top", "pods", "-n", NS).stderr()).as("the metrics API asks RBAC too")
                .contains("pods.metrics.k8s.io is forbidden: User \"system:serviceaccount:" + NS + ":robot\" cannot list "
                        + "resource \"pods\" in API group \"metrics.k8s.io\" in the namespace \"" + NS + "\"");

        assertThat(kubectl.run("create", "rolebinding", "robot-edit", "--clusterrole=edit",
                "--serviceaccount=" + NS + ":robot", "-n", NS).code()).isZero();
        var asRobot = kubectl.run("--token=" + token, "get", "pods", "-n", NS);
        assertThat(asRobot.code()).as(asRobot.all()).isZero();
        // the metrics API caches each answer for 10 s, as aggregated API servers do
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kubectl.run("--token=" + token, "top", "pods", "-n", NS).all())
                .as("edit aggregates the metrics reader").doesNotContain("forbidden"));
        assertThat(kubectl.run("--token=" + token, "auth", "can-i", "create", "deployments.apps", "-n", NS).stdout().strip())
                .isEqualTo("yes");
        assertThat(kubectl.run("--token=" + token, "auth", "can-i", "get", "pods", "-n", "default").stdout().strip())
                .as("a RoleBinding grants only in its namespace").isEqualTo("no");
        assertThat(kubectl.run("--token=" + token, "auth", "can-i", "create", "rolebindings", "-n", NS).stdout().strip())
                .as("edit does not grant roles").isEqualTo("no");
        var list = kubectl.run("--token=" + token, "auth", "can-i", "--list", "-n", NS);
        assertThat(list.stdout()).containsPattern("(?m)^deployments\\.apps\\s+\\[\\]\\s+\\[\\]\\s+\\[(?=[^\\]]*\\bcreate\\b)(?=[^\\]]*\\bwatch\\b)")
                .contains("/version");
        var nodes = kubectl.run("--token=" + token, "get", "nodes");
        assertThat(nodes.stderr()).contains("nodes is forbidden: User \"system:serviceaccount:" + NS
                + ":robot\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");

        var asJane = kubectl.run("auth", "whoami", "--as=jane", "--as-group=devs");
        assertThat(asJane.stdout()).containsPattern("Username\\s+jane").contains("[devs system:authenticated]");
        assertThat(kubectl.run("auth", "can-i", "delete", "nodes", "--as=jane").stdout().strip())
                .as("the admin impersonating jane has jane's rights").isEqualTo("no");
        assertThat(kubectl.run("auth", "can-i", "get", "pods", "-n", NS, "--as=system:serviceaccount:" + NS + ":robot")
                .stdout().strip()).isEqualTo("yes");
        var robotAsAdmin = kubectl.run("--token=" + token, "get", "pods", "-n", NS, "--as=admin");
        assertThat(robotAsAdmin.code()).isNotZero();
        assertThat(robotAsAdmin.stderr()).contains("users \"admin\" is forbidden: User \"system:serviceaccount:" + NS
                + ":robot\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");

        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        var refused = kubectl.run("--token=" + forged, "get", "pods", "-n", NS);
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("You must be logged in to the server (Unauthorized)");

        assertThat(kubectl.run("delete", "serviceaccount", "robot", "-n", NS).code()).isZero();
        var accountGone = kubectl.run("--token=" + token, "get", "pods", "-n", NS);
        assertThat(accountGone.stderr()).as("its account is gone, though the token has not expired")
                .contains("You must be logged in to the server (Unauthorized)");
        assertThat(kubectl.run("create", "serviceaccount", "robot", "-n", NS).code()).isZero();
        assertThat(kubectl.run("--token=" + token, "get", "pods", "-n", NS).stderr())
                .as("an account of the same name made again is another account").contains("(Unauthorized)");

        var tooShort = kubectl.run("create", "token", "robot", "-n", NS, "--duration=5m");
        assertThat(tooShort.code()).isNotZero();
        assertThat(tooShort.stderr()).contains("may not specify a duration less than 10 minutes");

        var missing = kubectl.run("create", "token", "nobody", "-n", NS);
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("serviceaccounts \"nobody\" not found");
    }
    /**
     * The API server's metrics, as Prometheus scrapes them with a service account's token: refused
     * until the account is bound to {@code system:monitoring}, then kube-apiserver's metrics under
     * kube's names, counting what kubectl just did.
     */
    @Test
    void aMonitoringAccountScrapesTheApiServersMetricsOnceBoundToSystemMonitoring() {
        assertThat(kubectl.run("create", "serviceaccount", "prometheus", "-n", NS).code()).isZero();
        String token = kubectl.run("create", "token", "prometheus", "-n", NS).stdout().strip();
        var refused = kubectl.run("--token=" + token, "get", "--raw", "/metrics");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("(Forbidden)");
        assertThat(kubectl.run("auth", "can-i", "get", "/metrics", "--as=system:serviceaccount:" + NS + ":prometheus")
                .stdout().strip()).isEqualTo("no");

        String binding = NS + "-prometheus";
        assertThat(kubectl.run("create", "clusterrolebinding", binding, "--clusterrole=system:monitoring",
                "--serviceaccount=" + NS + ":prometheus").code()).isZero();
        try {
            assertThat(kubectl.run("get", "pods", "-n", NS).code()).isZero();
            var scraped = kubectl.run("--token=" + token, "get", "--raw", "/metrics");
            assertThat(scraped.code()).as(scraped.stderr()).isZero();
            assertThat(scraped.stdout())
                    .contains("# TYPE apiserver_request_total counter")
                    .containsPattern("(?m)^apiserver_request_total\\{code=\"200\",component=\"apiserver\",dry_run=\"\","
                            + "group=\"\",resource=\"pods\",scope=\"namespace\",subresource=\"\",verb=\"LIST\","
                            + "version=\"v1\"} [1-9]")
                    .containsPattern("(?m)^apiserver_request_duration_seconds_bucket\\{.*resource=\"pods\".*le=\"\\+Inf\"} ")
                    .containsPattern("(?m)^apiserver_storage_objects\\{resource=\"serviceaccounts\"} [1-9]")
                    .containsPattern("(?m)^apiserver_longrunning_requests\\{.*verb=\"WATCH\".*} [1-9]")
                    .containsPattern("(?m)^kubernetes_build_info\\{.*git_version=\"v1\\.32\\.0-kubelite\".*} 1")
                    .containsPattern("(?m)^process_resident_memory_bytes [0-9.eE+]+$");
            var healthz = kubectl.run("--token=" + token, "get", "--raw", "/livez/etcd");
            assertThat(healthz.stdout()).isEqualTo("ok");
        } finally {
            kubectl.run("delete", "clusterrolebinding", binding);
        }
    }

    /** ClusterRole aggregation: a role labelled aggregate-to-view extends view, and edit and admin with it. */
    @Test
    void aRoleLabelledToAggregateIntoViewExtendsEveryoneBoundToView() {
        assertThat(kubectl.run("create", "serviceaccount", "auditor", "-n", NS).code()).isZero();
        assertThat(kubectl.run("create", "rolebinding", "auditor-view", "--clusterrole=view",
                "--serviceaccount=" + NS + ":auditor", "-n", NS).code()).isZero();
        String token = kubectl.run("create", "token", "auditor", "-n", NS).stdout().strip();
        assertThat(kubectl.run("--token=" + token, "auth", "can-i", "list", "secrets", "-n", NS).stdout().strip())
                .isEqualTo("no");

        var created = kubectl.runWithInput("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: secrets-reader-e2e
                  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
                rules:
                - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
                """, "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    kubectl.run("--token=" + token, "auth", "can-i", "list", "secrets", "-n", NS).stdout().strip())
                    .isEqualTo("yes"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    kubectl.run("get", "clusterrole", "admin", "-o", "jsonpath={.rules}").stdout())
                    .as("view aggregates into edit, edit into admin")
                    .contains("\"resources\":[\"secrets\"],\"verbs\":[\"get\",\"list\"]"));
        } finally {
            assertThat(kubectl.run("delete", "clusterrole", "secrets-reader-e2e").code()).isZero();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                kubectl.run("--token=" + token, "auth", "can-i", "list", "secrets", "-n", NS).stdout().strip())
                .isEqualTo("no"));
    }
}
