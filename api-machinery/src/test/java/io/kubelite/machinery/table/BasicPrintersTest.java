package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BasicPrintersTest {

    @Test
    void printsANamespaceWithItsPhase() {
        JsonNode namespace = json("""
                {"apiVersion":"v1","kind":"Namespace",
                 "metadata":{"name":"kube-system","creationTimestamp":"%s"},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
                """.formatted(ago(740L * 86400)));

        TablePrinter printer = BasicPrinters.namespaces();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Status", "Age");
        assertThat(printer.cells(namespace, NOW)).containsExactly("kube-system", "Active", "2y10d");
    }

    @Test
    void printsARuntimeClassWithItsHandler() {
        TablePrinter printer = TablePrinters.forResource("node.k8s.io", "runtimeclasses");
        JsonNode runtimeClass = json("""
                {"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass",
                 "metadata":{"name":"gvisor","creationTimestamp":"%s"},"handler":"runsc",
                 "overhead":{"podFixed":{"cpu":"250m"}}}""".formatted(ago(3 * 3600)));

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Handler", "Age");
        assertThat(printer.cells(runtimeClass, NOW)).containsExactly("gvisor", "runsc", "3h");
    }

    @Test
    void printsAComponentStatusFromItsHealthyCondition() {
        TablePrinter printer = TablePrinters.forResource("", "componentstatuses");
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Status", "Message", "Error");
        assertThat(printer.cells(json("""
                {"kind":"ComponentStatus","apiVersion":"v1","metadata":{"name":"scheduler"},
                 "conditions":[{"type":"Healthy","status":"True","message":"ok"}]}"""), NOW))
                .containsExactly("scheduler", "Healthy", "ok", "");
        assertThat(printer.cells(json("""
                {"kind":"ComponentStatus","apiVersion":"v1","metadata":{"name":"controller-manager"},
                 "conditions":[{"type":"Healthy","status":"False","error":"Get \\"http://127.0.0.1:1/\\": refused"}]}"""), NOW))
                .containsExactly("controller-manager", "Unhealthy", "", "Get \"http://127.0.0.1:1/\": refused");
    }

    @Test
    void printsAPodTemplateWithItsContainersImagesAndPodLabels() {
        TablePrinter printer = TablePrinters.forResource("", "podtemplates");
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Containers", "Images", "Pod Labels");
        assertThat(printer.cells(json("""
                {"kind":"PodTemplate","apiVersion":"v1","metadata":{"name":"web"},
                 "template":{"metadata":{"labels":{"tier":"front","app":"web"}},
                  "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}}"""), NOW))
                .containsExactly("web", "nginx,log", "nginx:1.27,busybox", "app=web,tier=front");
    }

    @Test
    void printsACertificateSigningRequestWithKubesConditionSummary() {
        TablePrinter printer = TablePrinters.forResource("certificates.k8s.io", "certificatesigningrequests");
        assertThat(printer.columns()).extracting(Column::name)
                .containsExactly("Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition");
        String csr = """
                {"kind":"CertificateSigningRequest","apiVersion":"certificates.k8s.io/v1",
                 "metadata":{"name":"jane","creationTimestamp":"%s"},
                 "spec":{"signerName":"kubernetes.io/kube-apiserver-client","username":"admin"%s},"status":{%s}}""";
        assertThat(printer.cells(json(csr.formatted(ago(90), ",\"expirationSeconds\":86400", "")), NOW))
                .containsExactly("jane", "90s", "kubernetes.io/kube-apiserver-client", "admin", "24h", "Pending");
        assertThat(printer.cells(json(csr.formatted(ago(90), "",
                "\"conditions\":[{\"type\":\"Approved\",\"status\":\"True\"}],\"certificate\":\"LS0t\"")), NOW))
                .containsExactly("jane", "90s", "kubernetes.io/kube-apiserver-client", "admin", "<none>", "Approved,Issued");
        assertThat(printer.cells(json(csr.formatted(ago(90), "",
                "\"conditions\":[{\"type\":\"Approved\",\"status\":\"True\"},{\"type\":\"Failed\",\"status\":\"True\"}]")),
                NOW)).last().isEqualTo("Approved,Failed");
        assertThat(printer.cells(json(csr.formatted(ago(90), "",
                "\"conditions\":[{\"type\":\"Denied\",\"status\":\"True\"}]")), NOW)).last().isEqualTo("Denied");
    }

    @Test
    void printsAnApiServiceAsKubeAggregatorDoes() {
        TablePrinter printer = TablePrinters.forResource("apiregistration.k8s.io", "apiservices");
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Service", "Available", "Age");
        String apiService = """
                {"kind":"APIService","apiVersion":"apiregistration.k8s.io/v1",
                 "metadata":{"name":"%s","creationTimestamp":"%s"},"spec":{%s},
                 "status":{"conditions":[%s]}}""";

        assertThat(printer.cells(json(apiService.formatted("v1.apps", ago(3600), "\"group\":\"apps\"",
                "{\"type\":\"Available\",\"status\":\"True\",\"reason\":\"Local\"}")), NOW))
                .containsExactly("v1.apps", "Local", "True", "60m");
        assertThat(printer.cells(json(apiService.formatted("v1beta1.metrics.k8s.io", ago(90),
                "\"service\":{\"namespace\":\"kube-system\",\"name\":\"metrics-server\"}",
                "{\"type\":\"Available\",\"status\":\"False\",\"reason\":\"FailedDiscoveryCheck\"}")), NOW))
                .containsExactly("v1beta1.metrics.k8s.io", "kube-system/metrics-server", "False (FailedDiscoveryCheck)",
                        "90s");
        assertThat(printer.cells(json(apiService.formatted("v1.", ago(90), "", "")), NOW))
                .containsExactly("v1.", "Local", "Unknown", "90s");
    }

    @Test
    void countsConfigMapKeysIncludingBinaryData() {
        JsonNode configMap = json("""
                {"apiVersion":"v1","kind":"ConfigMap",
                 "metadata":{"name":"cm-appvars","namespace":"default","creationTimestamp":"%s"},
                 "data":{"apploglevel":"info","appdatadir":"/var/data"},"binaryData":{"logo.png":"iVBORw0KGgo="}}
                """.formatted(ago(20)));

        TablePrinter printer = BasicPrinters.configMaps();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Data", "Age");
        assertThat(printer.cells(configMap, NOW)).containsExactly("cm-appvars", 3L, "20s");
        assertThat(printer.cells(json("{\"metadata\":{\"name\":\"empty\"}}"), NOW))
                .containsExactly("empty", 0L, "<unknown>");
    }

    @Test
    void printsASecretWithItsTypeAndKeyCount() {
        JsonNode secret = json("""
                {"metadata":{"name":"db-pass","creationTimestamp":"%s"},"type":"Opaque",
                 "data":{"username":"YWRtaW4=","password":"czNjcjN0"}}
                """.formatted(ago(20)));

        assertThat(BasicPrinters.secrets().cells(secret, NOW)).containsExactly("db-pass", "Opaque", 2L, "20s");
    }

    @Test
    void printsAServiceAccountWithItsSecretCount() {
        JsonNode account = json("""
                {"metadata":{"name":"default","creationTimestamp":"%s"}}
                """.formatted(ago(20)));

        assertThat(BasicPrinters.serviceAccounts().cells(account, NOW)).containsExactly("default", 0L, "20s");
    }

    @Test
    void printsALeaseHolder() {
        JsonNode lease = json("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
                 "metadata":{"name":"node-1","namespace":"kube-node-lease","creationTimestamp":"%s"},
                 "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2025-06-01T11:59:58.000000Z"}}
                """.formatted(ago(3 * 3600 + 59)));
        JsonNode unheld = json("{\"metadata\":{\"name\":\"free\",\"creationTimestamp\":\"%s\"},\"spec\":{}}"
                .formatted(ago(5)));

        TablePrinter printer = BasicPrinters.leases();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Holder", "Age");
        assertThat(printer.cells(lease, NOW)).containsExactly("node-1", "node-1", "3h");
        assertThat(printer.cells(unheld, NOW)).containsExactly("free", "", "5s");
    }

    @Test
    void printsTheCreationTimeOfKindsWithoutAPrinterOfTheirOwn() {
        JsonNode limitRange = json("""
                {"apiVersion":"v1","kind":"LimitRange",
                 "metadata":{"name":"mem-limit-range","namespace":"default","creationTimestamp":"2025-05-30T08:15:00Z"},
                 "spec":{"limits":[{"type":"Container","default":{"memory":"512Mi"}}]}}
                """);

        TablePrinter printer = BasicPrinters.createdAt();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Created At");
        assertThat(printer.columns().get(1).type()).isEqualTo("date");
        assertThat(printer.cells(limitRange, NOW)).containsExactly("mem-limit-range", "2025-05-30T08:15:00Z");
    }

    @Test
    void printsNameAndAgeForAnyOtherObject() {
        JsonNode widget = json("""
                {"apiVersion":"example.com/v1","kind":"Widget",
                 "metadata":{"name":"w1","namespace":"default","creationTimestamp":"%s"},"spec":{"size":3}}
                """.formatted(ago(8 * 3600)));

        TablePrinter printer = BasicPrinters.nameAndAge();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Age");
        assertThat(printer.cells(widget, NOW)).containsExactly("w1", "8h");
    }
}
