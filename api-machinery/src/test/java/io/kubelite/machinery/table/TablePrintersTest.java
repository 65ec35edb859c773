package io.kubelite.machinery.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TablePrintersTest {

    /** Headers as kubectl prints them: upper case, priority-1 columns after the bar. */
    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = ';', value = {
            "'';pods;NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES",
            "'';replicationcontrollers;NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR",
            "apps;replicasets;NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR",
            "apps;deployments;NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR",
            "apps;daemonsets;NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE"
                    + " | CONTAINERS IMAGES SELECTOR",
            "apps;statefulsets;NAME READY AGE | CONTAINERS IMAGES",
            "batch;jobs;NAME STATUS COMPLETIONS DURATION AGE | CONTAINERS IMAGES SELECTOR",
            "'';services;NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR",
            "'';endpoints;NAME ENDPOINTS AGE",
            "'';nodes;NAME STATUS ROLES AGE VERSION"
                    + " | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME",
            "'';namespaces;NAME STATUS AGE",
            "'';configmaps;NAME DATA AGE",
            "'';secrets;NAME TYPE DATA AGE",
            "'';serviceaccounts;NAME SECRETS AGE",
            "'';events;LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME",
            "autoscaling;horizontalpodautoscalers;NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE",
            "'';limitranges;NAME CREATED AT",
            "'';resourcequotas;NAME AGE REQUEST LIMIT",
            "coordination.k8s.io;leases;NAME HOLDER AGE",
            "node.k8s.io;runtimeclasses;NAME HANDLER AGE",
            "'';persistentvolumes;NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS"
                    + " VOLUMEATTRIBUTESCLASS REASON AGE | VOLUMEMODE",
            "'';persistentvolumeclaims;NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS"
                    + " VOLUMEATTRIBUTESCLASS AGE | VOLUMEMODE",
            "example.com;widgets;NAME AGE",
            "'';podtemplates;NAME CONTAINERS IMAGES POD LABELS",
            "admissionregistration.k8s.io;validatingadmissionpolicies;NAME VALIDATIONS PARAMKIND AGE",
            "admissionregistration.k8s.io;validatingadmissionpolicybindings;NAME POLICYNAME PARAMREF AGE",
            "admissionregistration.k8s.io;validatingwebhookconfigurations;NAME WEBHOOKS AGE",
            "admissionregistration.k8s.io;mutatingwebhookconfigurations;NAME WEBHOOKS AGE",
    })
    void choosesThePrinterKubeApiserverUses(String group, String resource, String headers) {
        List<Column> columns = TablePrinters.forResource(group, resource).columns();

        assertThat(headers(columns)).isEqualTo(headers);
    }

    @ParameterizedTest(name = "{0} has exactly one name column")
    @CsvSource({"pods", "services", "events", "nodes", "limitranges"})
    void marksTheNameColumn(String resource) {
        List<Column> columns = TablePrinters.forResource(null, resource).columns();

        assertThat(columns).filteredOn(c -> c.format().equals("name")).hasSize(1);
    }

    private static String headers(List<Column> columns) {
        String normal = String.join(" ", columns.stream().filter(c -> c.priority() == 0)
                .map(c -> c.name().toUpperCase()).toList());
        List<String> wide = columns.stream().filter(c -> c.priority() == 1).map(c -> c.name().toUpperCase()).toList();
        return wide.isEmpty() ? normal : normal + " | " + String.join(" ", wide);
    }

}
