package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CustomResourceDefinitions driven with the real kubectl, as Kubernetes' documentation walks
 * through them: the definition applied and established, its objects created, listed with the
 * definition's printer columns, read, patched, refused when the schema forbids them, and gone with
 * the definition.
 */
class CustomResourcesIT {

    static final String NS = "crd-e2e";
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void cleanUp() {
        kubectl.run("delete", "crd", "crontabs.stable.example.com", "--ignore-not-found");
        kubectl.run("delete", "crd", "backups.ops.example.com", "--ignore-not-found");
        kubectl.run("delete", "crd", "databases.example.com", "--ignore-not-found");
        suite.delete();
    }

    static Kubectl.Result ok(String... args) {
        return suite.ok(args);
    }

    @Test
    void aDefinitionServesItsKindToKubectl() {
        assertThat(ok("apply", "-f", suite.example("crontab-crd.yaml")).stdout())
                .contains("customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created");
        ok("wait", "--for", "condition=established", "--timeout=30s", "crd/crontabs.stable.example.com");
        assertThat(ok("get", "crd", "crontabs.stable.example.com").stdout())
                .containsPattern("NAME\\s+CREATED AT\\s*\\ncrontabs.stable.example.com\\s+\\d{4}-\\d\\d-\\d\\dT");
        assertThat(ok("api-resources", "--api-group=stable.example.com").stdout())
                .containsPattern("crontabs\\s+ct\\s+stable.example.com/v1\\s+true\\s+CronTab");

        assertThat(ok("apply", "-n", NS, "-f", suite.example("crontab.yaml")).stdout())
                .contains("crontab.stable.example.com/my-new-cron-object created");
        assertThat(ok("apply", "-n", NS, "-f", suite.example("crontab.yaml")).stdout())
                .contains("crontab.stable.example.com/my-new-cron-object unchanged");
        assertThat(ok("get", "crontab", "-n", NS).stdout())
                .containsPattern("NAME\\s+SPEC\\s+REPLICAS\\s+AGE\\s*\\nmy-new-cron-object\\s+\\* \\* \\* \\* \\*/5\\s+1\\s+\\d+s");
        assertThat(ok("get", "ct", "my-new-cron-object", "-n", NS, "-o", "jsonpath={.spec.image} {.spec.replicas}").stdout())
                .isEqualTo("my-awesome-cron-image 1");

        assertThat(ok("explain", "crontab.spec").stdout()).contains("KIND:       CronTab")
                .containsPattern("cronSpec\\s+<string>").containsPattern("image\\s+<string> -required-")
                .containsPattern("replicas\\s+<integer>");
        // a changed manifest applied again: kubectl computes a JSON merge patch, as for any custom kind
        var changed = kubectl.runWithInput("""
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: my-new-cron-object
                spec:
                  cronSpec: "*/10 * * * *"
                  image: my-awesome-cron-image
                """, "apply", "-n", NS, "-f", "-");
        assertThat(changed.code()).as(changed.all()).isZero();
        assertThat(changed.stdout()).contains("crontab.stable.example.com/my-new-cron-object configured");
        assertThat(ok("get", "ct", "my-new-cron-object", "-n", NS, "-o", "jsonpath={.spec.cronSpec}").stdout())
                .isEqualTo("*/10 * * * *");

        assertThat(ok("patch", "ct", "my-new-cron-object", "-n", NS, "--type=merge", "-p", "{\"spec\":{\"replicas\":3}}")
                .stdout()).contains("crontab.stable.example.com/my-new-cron-object patched");
        assertThat(ok("get", "ct", "my-new-cron-object", "-n", NS, "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("3");
        assertThat(ok("scale", "ct", "my-new-cron-object", "-n", NS, "--replicas=5").stdout())
                .contains("crontab.stable.example.com/my-new-cron-object scaled");
        assertThat(ok("get", "ct", "my-new-cron-object", "-n", NS, "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("5");
        var strategic = kubectl.run("patch", "ct", "my-new-cron-object", "-n", NS, "-p", "{\"spec\":{\"replicas\":4}}");
        assertThat(strategic.code()).isNotZero();
        assertThat(strategic.stderr()).contains("application/merge-patch+json");

        var tooMany = kubectl.runWithInput("""
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: too-many
                spec:
                  cronSpec: "every minute"
                  image: my-awesome-cron-image
                  replicas: 20
                """, "apply", "-n", NS, "-f", "-");
        assertThat(tooMany.code()).isNotZero();
        assertThat(tooMany.stderr()).contains("spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10")
                .contains("spec.cronSpec in body should match");
        var latest = kubectl.runWithInput("""
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: latest
                spec:
                  image: my-awesome-cron-image:latest
                """, "apply", "-n", NS, "-f", "-");
        assertThat(latest.code()).isNotZero();
        assertThat(latest.stderr()).contains("spec: Invalid value: \"object\": pin the image to a tag other than latest");
        var typo = kubectl.runWithInput("""
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: typo
                spec:
                  image: my-awesome-cron-image
                  imagePullPolicy: Always
                """, "create", "-n", NS, "-f", "-");
        assertThat(typo.code()).isNotZero();
        assertThat(typo.stderr()).contains("unknown field \"spec.imagePullPolicy\"");
        assertThat(kubectl.run("get", "ct", "-n", NS, "-o", "name").stdout().trim())
                .isEqualTo("crontab.stable.example.com/my-new-cron-object");

        // a pod owned by the custom object goes with it, as the garbage collector collects any dependent
        String uid = ok("get", "ct", "my-new-cron-object", "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout();
        suite.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cron-runner
                  ownerReferences:
                  - apiVersion: stable.example.com/v1
                    kind: CronTab
                    name: my-new-cron-object
                    uid: %s
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: runner
                    image: IMAGE
                    command: ["sleep", "3600"]
                """.formatted(uid));
        ok("wait", "-n", NS, "--for=condition=Ready", "pod/cron-runner", "--timeout=60s");
        ok("delete", "ct", "my-new-cron-object", "-n", NS);
        await("the owned pod collected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "cron-runner", "-n", NS).stderr()).contains("NotFound"));
        ok("apply", "-n", NS, "-f", suite.example("crontab.yaml"));

        ok("delete", "crd", "crontabs.stable.example.com");
        // with kubectl's discovery cache still naming the kind the list is refused (404); once discovery
        // is read again (api-resources does), the kind is unknown
        var stale = kubectl.run("get", "crontabs", "-n", NS);
        assertThat(stale.code()).isNotZero();
        assertThat(stale.stderr()).containsAnyOf("the server could not find the requested resource",
                "the server doesn't have a resource type \"crontabs\"");
        assertThat(ok("api-resources", "--api-group=stable.example.com").stdout()).doesNotContain("crontabs");
        assertThat(kubectl.run("get", "crontabs", "-n", NS).stderr())
                .contains("the server doesn't have a resource type \"crontabs\"");
    }

    static final String BACKUP_DEFINITION = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: backups.ops.example.com
            spec:
              group: ops.example.com
              scope: Namespaced
              names: {plural: backups, singular: backup, kind: Backup}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          schedule: {type: string}
            """;

    static String owned(String kind, String apiVersion, String name, String ownerApiVersion, String ownerKind,
            String ownerName, String ownerUid, String body) {
        return """
                apiVersion: %s
                kind: %s
                metadata:
                  name: %s
                  ownerReferences:
                  - {apiVersion: %s, kind: %s, name: %s, uid: %s}
                %s
                """.formatted(apiVersion, kind, name, ownerApiVersion, ownerKind, ownerName, ownerUid, body);
    }

    String uidOf(String what) {
        return ok("get", what, "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout();
    }

    boolean exists(String what) {
        return kubectl.run("get", what, "-n", NS, "-o", "name").code() == 0;
    }

    @Test
    void customObjectsOwnAndAreOwnedAsBuiltInOnesAre() {
        var created = kubectl.runWithInput(BACKUP_DEFINITION, "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        ok("wait", "--for", "condition=established", "--timeout=30s", "crd/backups.ops.example.com");
        ok("create", "deployment", "db", "-n", NS, "--image=busybox", "--replicas=0");

        // Deployment → Backup nightly → (ConfigMap, Backup weekly)
        suite.apply(owned("Backup", "ops.example.com/v1", "nightly", "apps/v1", "Deployment", "db", uidOf("deployment/db"),
                "spec: {schedule: '@daily'}"));
        String nightly = uidOf("backup/nightly");
        suite.apply(owned("ConfigMap", "v1", "nightly-settings", "ops.example.com/v1", "Backup", "nightly", nightly,
                "data: {target: s3}"));
        suite.apply(owned("Backup", "ops.example.com/v1", "weekly", "ops.example.com/v1", "Backup", "nightly", nightly,
                "spec: {schedule: '@weekly'}"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> exists("backup/nightly") && exists("backup/weekly") && exists("configmap/nightly-settings"));

        ok("delete", "deployment", "db", "-n", NS);
        await("a custom object owned by a Deployment goes with it, and its own dependents after it")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> !exists("backup/nightly") && !exists("backup/weekly") && !exists("configmap/nightly-settings"));

        // deleting the definition deletes its objects, and what they owned follows
        suite.apply("apiVersion: ops.example.com/v1\nkind: Backup\nmetadata: {name: monthly}\nspec: {schedule: '@monthly'}\n");
        suite.apply(owned("Secret", "v1", "monthly-key", "ops.example.com/v1", "Backup", "monthly", uidOf("backup/monthly"),
                "stringData: {key: k}"));
        ok("delete", "crd", "backups.ops.example.com");
        await("the dependents of a deleted definition's objects are collected").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> !exists("secret/monthly-key"));
    }

    @Test
    void aDefinitionsValidationRulesAnswerKubectlInKubesWords() {
        ok("apply", "-f", suite.example("database-crd.yaml"));
        ok("wait", "--for", "condition=established", "--timeout=30s", "crd/databases.example.com");
        assertThat(ok("apply", "-n", NS, "-f", suite.example("database.yaml")).stdout())
                .contains("database.example.com/orders created");
        assertThat(ok("get", "db", "orders", "-n", NS).stdout())
                .containsPattern("NAME\\s+REPLICAS\\s+STORAGE\\s+AGE\\s*\\norders\\s+2\\s+10Gi\\s+");

        var resized = kubectl.run("patch", "db", "orders", "-n", NS, "--type=merge", "-p", "{\"spec\":{\"storage\":\"20Gi\"}}");
        assertThat(resized.code()).isNotZero();
        assertThat(resized.stderr()).contains("The Database \"orders\" is invalid: spec.storage: Invalid value: \"string\": "
                + "storage is immutable; create a new database to resize");
        var none = kubectl.run("patch", "db", "orders", "-n", NS, "--type=merge", "-p", "{\"spec\":{\"replicas\":0}}");
        assertThat(none.stderr()).contains("spec.replicas: Invalid value: \"object\": replicas must be between 1 and 5, not 0");
        var demoted = kubectl.run("patch", "db", "orders", "-n", NS, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/users/1/role\",\"value\":\"reader\"}]");
        assertThat(demoted.stderr()).contains("spec.users[1]: Invalid value: \"object\": an admin stays an admin");
        var promoted = ok("patch", "db", "orders", "-n", NS, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/users/0/role\",\"value\":\"admin\"}]");
        assertThat(promoted.stdout()).contains("database.example.com/orders patched");

        var small = kubectl.runWithInput("""
                apiVersion: example.com/v1
                kind: Database
                metadata:
                  name: small
                spec:
                  storage: 500Mi
                  backupUrl: http://backups.example.com/small
                  users:
                  - name: app
                    role: owner
                """, "apply", "-n", NS, "-f", "-");
        assertThat(small.code()).isNotZero();
        assertThat(small.stderr()).contains("spec: Invalid value: \"object\": storage must be at least 1Gi")
                .contains("spec: Invalid value: \"object\": backupUrl must be an https URL")
                .contains("spec.users[0]: Invalid value: \"object\": unknown role owner for user app");
        assertThat(kubectl.run("get", "db", "-n", NS, "-o", "name").stdout().trim()).isEqualTo("database.example.com/orders");
    }
}
