package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorkloadPrintersTest {

    @Test
    void printsAReplicationControllerWithItsMapSelector() {
        JsonNode rc = json("""
                {"apiVersion":"v1","kind":"ReplicationController",
                 "metadata":{"name":"redis-slave","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"replicas":2,"selector":{"name":"redis-slave","app":"redis"},
                   "template":{"metadata":{"labels":{"name":"redis-slave","app":"redis"}},
                     "spec":{"containers":[{"name":"slave","image":"redis:7"},{"name":"exporter","image":"oliver006/redis_exporter"}]}}},
                 "status":{"replicas":2,"readyReplicas":1}}
                """.formatted(ago(3 * 3600 + 5 * 60)));

        TablePrinter printer = WorkloadPrinters.replicationControllers();

        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector");
        assertThat(printer.cells(rc, NOW)).containsExactly("redis-slave", 2L, 2L, 1L, "3h5m",
                "slave,exporter", "redis:7,oliver006/redis_exporter", "app=redis,name=redis-slave");
    }

    @Test
    void printsAReplicaSetWithItsLabelSelector() {
        JsonNode rs = json("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet",
                 "metadata":{"name":"web-5d8f7b6c9","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d8f7b6c9"}},
                   "template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}},
                 "status":{"replicas":3,"readyReplicas":3,"availableReplicas":3}}
                """.formatted(ago(86400 * 3)));

        assertThat(WorkloadPrinters.replicaSets().cells(rs, NOW)).containsExactly("web-5d8f7b6c9", 3L, 3L, 3L,
                "3d", "web", "nginx:1.27", "app=web,pod-template-hash=5d8f7b6c9");
    }

    @Test
    void printsAReplicaSetWithoutStatusAsZeroAndDefaultsDesiredToOne() {
        JsonNode rs = json("""
                {"metadata":{"name":"fresh","creationTimestamp":"%s"},
                 "spec":{"selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]}]},
                   "template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}
                """.formatted(ago(1)));

        assertThat(WorkloadPrinters.replicaSets().cells(rs, NOW))
                .containsExactly("fresh", 1L, 0L, 0L, "1s", "c", "i", "tier in (api,web)");
    }

    @Test
    void printsADeploymentWithReadyOverDesired() {
        JsonNode deployment = json("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}},
                 "status":{"replicas":3,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":1}}
                """.formatted(ago(150)));

        TablePrinter printer = WorkloadPrinters.deployments();

        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(printer.cells(deployment, NOW))
                .containsExactly("web", "2/3", 2L, 1L, "2m30s", "web", "nginx:1.27", "app=web");
    }

    @Test
    void printsADaemonSetWithItsNodeSelector() {
        JsonNode ds = json("""
                {"apiVersion":"apps/v1","kind":"DaemonSet",
                 "metadata":{"name":"node-exporter","namespace":"monitoring","creationTimestamp":"%s"},
                 "spec":{"selector":{"matchLabels":{"app":"node-exporter"}},
                   "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},
                     "containers":[{"name":"exporter","image":"prom/node-exporter:v1.8.0"}]}}},
                 "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,
                   "updatedNumberScheduled":3,"numberAvailable":2}}
                """.formatted(ago(45 * 86400)));

        TablePrinter printer = WorkloadPrinters.daemonSets();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Desired", "Current",
                "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector");
        assertThat(printer.cells(ds, NOW)).containsExactly("node-exporter", 3L, 3L, 2L, 3L, 2L,
                "kubernetes.io/os=linux", "45d", "exporter", "prom/node-exporter:v1.8.0", "app=node-exporter");
    }

    @Test
    void printsACompletedJobWithItsRunTime() {
        JsonNode job = json("""
                {"apiVersion":"batch/v1","kind":"Job",
                 "metadata":{"name":"pi","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"completions":1,"parallelism":1,
                   "selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"8f1c"}},
                   "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
                 "status":{"startTime":"%s","completionTime":"%s","succeeded":1,
                   "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
                """.formatted(ago(600), ago(600), ago(600 - 125)));

        TablePrinter printer = WorkloadPrinters.jobs();

        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
        assertThat(printer.cells(job, NOW)).containsExactly("pi", "Complete", "1/1", "2m5s", "10m", "pi",
                "perl:5.34", "batch.kubernetes.io/controller-uid=8f1c");
    }

    @Test
    void printsARunningWorkQueueJobWithItsParallelism() {
        JsonNode job = json("""
                {"metadata":{"name":"queue","creationTimestamp":"%s"},
                 "spec":{"parallelism":3,"template":{"spec":{"containers":[{"name":"w","image":"worker"}]}}},
                 "status":{"startTime":"%s","active":3}}
                """.formatted(ago(40), ago(30)));

        assertThat(WorkloadPrinters.jobs().cells(job, NOW))
                .containsExactly("queue", "Running", "0/1 of 3", "30s", "40s", "w", "worker", "<none>");
    }

    @Test
    void printsAFailedOrDeletedOrSuspendedJob() {
        String template = """
                {"metadata":{"name":"j","creationTimestamp":"%s"%s},"spec":{"completions":2},
                 "status":{"failed":1,"conditions":[%s]}}""";
        JsonNode failed = json(template.formatted(ago(5), "", "{\"type\":\"Failed\",\"status\":\"True\"}"));
        JsonNode deleted = json(template.formatted(ago(5), ",\"deletionTimestamp\":\"" + ago(1) + "\"",
                "{\"type\":\"Suspended\",\"status\":\"True\"}"));
        JsonNode suspended = json(template.formatted(ago(5), "", "{\"type\":\"Suspended\",\"status\":\"True\"}"));

        assertThat(WorkloadPrinters.jobs().cells(failed, NOW).subList(1, 4)).containsExactly("Failed", "0/2", "");
        assertThat(WorkloadPrinters.jobs().cells(deleted, NOW).get(1)).isEqualTo("Terminating");
        assertThat(WorkloadPrinters.jobs().cells(suspended, NOW).get(1)).isEqualTo("Suspended");
    }

    @Test
    void printsAStatefulSetWithReadyOverDesired() {
        JsonNode sts = json("""
                {"metadata":{"name":"db","creationTimestamp":"%s"},
                 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"pg","image":"postgres:16"}]}}},
                 "status":{"readyReplicas":2}}
                """.formatted(ago(7200)));

        assertThat(WorkloadPrinters.statefulSets().cells(sts, NOW))
                .containsExactly("db", "2/3", "120m", "pg", "postgres:16");
    }

    @Test
    void printsACronJobWithItsScheduleAndLastActivation() {
        JsonNode cronJob = json("""
                {"apiVersion":"batch/v1","kind":"CronJob",
                 "metadata":{"name":"hello","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"schedule":"*/1 * * * *","timeZone":"Etc/UTC","suspend":false,
                   "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"hello","image":"busybox"}]}}}}},
                 "status":{"lastScheduleTime":"%s","active":[{"kind":"Job","name":"hello-29929562"}]}}
                """.formatted(ago(300), ago(42)));

        TablePrinter printer = WorkloadPrinters.cronJobs();

        assertThat(printer.columns()).extracting(Column::name).containsExactly(
                "Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector");
        assertThat(printer.cells(cronJob, NOW)).containsExactly("hello", "*/1 * * * *", "Etc/UTC", "False", 1L, "42s",
                "5m", "hello", "busybox", "<none>");
    }

    @Test
    void printsACronJobNeverScheduledWithoutZoneOrSuspend() {
        JsonNode cronJob = json("""
                {"metadata":{"name":"nightly","creationTimestamp":"%s"},"spec":{"schedule":"@daily"}}
                """.formatted(ago(60)));

        assertThat(WorkloadPrinters.cronJobs().cells(cronJob, NOW).subList(0, 7))
                .containsExactly("nightly", "@daily", "<none>", "<unset>", 0L, "<none>", "60s");
    }

    @Test
    void printsAnIngressWithItsHostsAndPorts() {
        JsonNode ingress = json("""
                {"metadata":{"name":"web","creationTimestamp":"%s"},
                 "spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.com"]}],
                   "rules":[{"host":"a.com"},{"host":"b.com"},{"host":"c.com"},{"host":"d.com"},{"host":"e.com"}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"192.168.100.100"},{"ip":"192.168.100.101"}]}}}
                """.formatted(ago(90)));
        JsonNode bare = json("""
                {"metadata":{"name":"any","creationTimestamp":"%s"},"spec":{"defaultBackend":{}}}
                """.formatted(ago(90)));

        assertThat(ServicePrinters.ingresses().columns()).extracting(Column::name)
                .containsExactly("Name", "Class", "Hosts", "Address", "Ports", "Age");
        assertThat(ServicePrinters.ingresses().cells(ingress, NOW)).containsExactly("web", "nginx",
                "a.com,b.com,c.com + 2 more...", "192.168.100.100,...", "80, 443", "90s");
        assertThat(ServicePrinters.ingresses().cells(bare, NOW)).containsExactly("any", "<none>", "*", "", "80", "90s");
    }

    @Test
    void printsANetworkPolicyWithItsPodSelector() {
        JsonNode policy = json("""
                {"metadata":{"name":"db","creationTimestamp":"%s"},
                 "spec":{"podSelector":{"matchLabels":{"role":"db"},"matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]}]}}}
                """.formatted(ago(90)));
        JsonNode all = json("""
                {"metadata":{"name":"deny-all","creationTimestamp":"%s"},"spec":{"podSelector":{}}}
                """.formatted(ago(90)));

        assertThat(ServicePrinters.networkPolicies().columns()).extracting(Column::name).containsExactly("Name", "Pod-Selector", "Age");
        assertThat(ServicePrinters.networkPolicies().cells(policy, NOW)).containsExactly("db", "role=db,tier in (a,b)", "90s");
        assertThat(ServicePrinters.networkPolicies().cells(all, NOW)).containsExactly("deny-all", "<none>", "90s");
        assertThat(TablePrinters.forResource("networking.k8s.io", "networkpolicies").columns()).hasSize(3);
    }

    @Test
    void printsADisruptionBudgetWithTheBoundItHas() {
        JsonNode pdb = json("""
                {"metadata":{"name":"web-pdb","creationTimestamp":"%s"},
                 "spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}},"status":{"disruptionsAllowed":1}}
                """.formatted(ago(30)));
        JsonNode percent = json("""
                {"metadata":{"name":"half","creationTimestamp":"%s"},"spec":{"maxUnavailable":"50%%"}}
                """.formatted(ago(30)));

        assertThat(WorkloadPrinters.disruptionBudgets().columns()).extracting(Column::name)
                .containsExactly("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age");
        assertThat(WorkloadPrinters.disruptionBudgets().cells(pdb, NOW)).containsExactly("web-pdb", "2", "N/A", 1L, "30s");
        assertThat(WorkloadPrinters.disruptionBudgets().cells(percent, NOW)).containsExactly("half", "N/A", "50%", 0L, "30s");
    }
}
