package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QuotaPrinterTest {

    private final TablePrinter printer = new QuotaPrinter();

    @Test
    void hasAgeBeforeRequestAndLimit() {
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Age", "Request", "Limit");
    }

    @Test
    void splitsLimitsFromEverythingElseInNameOrder() {
        JsonNode quota = json("""
                {"apiVersion":"v1","kind":"ResourceQuota",
                 "metadata":{"name":"compute-resources","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"hard":{"pods":"10","requests.cpu":"1","requests.memory":"1Gi",
                   "limits.cpu":"2","limits.memory":"2Gi"}},
                 "status":{"hard":{"requests.memory":"1Gi","pods":"10","limits.memory":"2Gi","requests.cpu":"1",
                   "limits.cpu":"2"},
                   "used":{"pods":"2","requests.cpu":"500m","requests.memory":"256Mi","limits.cpu":"1"}}}
                """.formatted(ago(600)));

        assertThat(printer.cells(quota, NOW)).containsExactly("compute-resources", "10m",
                "pods: 2/10, requests.cpu: 500m/1, requests.memory: 256Mi/1Gi",
                "limits.cpu: 1/2, limits.memory: 0/2Gi");
    }

    @Test
    void printsEmptyColumnsBeforeTheQuotaControllerFillsTheStatus() {
        JsonNode quota = json("""
                {"metadata":{"name":"new","creationTimestamp":"%s"},"spec":{"hard":{"pods":"4"}}}
                """.formatted(ago(1)));

        assertThat(printer.cells(quota, NOW)).containsExactly("new", "1s", "", "");
    }
}
