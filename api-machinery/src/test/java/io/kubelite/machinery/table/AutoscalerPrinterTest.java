package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AutoscalerPrinterTest {

    private final TablePrinter printer = new AutoscalerPrinter();

    @Test
    void hasKubernetesHpaColumns() {
        assertThat(printer.columns()).extracting(Column::name)
                .containsExactly("Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
    }

    @Test
    void printsAMeasuredV1Autoscaler() {
        JsonNode hpa = json("""
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler",
                 "metadata":{"name":"php-apache","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"php-apache"},
                   "minReplicas":1,"maxReplicas":10,"targetCPUUtilizationPercentage":90},
                 "status":{"currentReplicas":2,"desiredReplicas":2,"currentCPUUtilizationPercentage":20}}
                """.formatted(ago(300)));

        assertThat(printer.cells(hpa, NOW))
                .containsExactly("php-apache", "Deployment/php-apache", "cpu: 20%/90%", "1", 10L, 2L, "5m");
    }

    @Test
    void printsUnknownBeforeTheFirstMeasurementAndTheDefaultTarget() {
        JsonNode unmeasured = json("""
                {"apiVersion":"autoscaling/v1","metadata":{"name":"a"},
                 "spec":{"scaleTargetRef":{"kind":"ReplicationController","name":"redis"},"maxReplicas":5,
                   "targetCPUUtilizationPercentage":90}}
                """);
        JsonNode noTarget = json("""
                {"apiVersion":"autoscaling/v1","metadata":{"name":"b"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3}}
                """);

        assertThat(printer.cells(unmeasured, NOW).subList(1, 6))
                .containsExactly("ReplicationController/redis", "cpu: <unknown>/90%", "<unset>", 5L, 0L);
        assertThat(printer.cells(noTarget, NOW).get(2)).isEqualTo("cpu: <unknown>/80%");
    }

    @Test
    void printsV2MetricsPairedWithStatusByPosition() {
        JsonNode hpa = json("""
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
                 "metadata":{"name":"web","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
                   "minReplicas":2,"maxReplicas":8,
                   "metrics":[
                     {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}},
                     {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"200Mi"}}}]},
                 "status":{"currentReplicas":3,"desiredReplicas":3,
                   "currentMetrics":[
                     {"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":45,"averageValue":"90m"}}},
                     {"type":"Resource","resource":{"name":"memory","current":{"averageValue":"150Mi"}}}]}}
                """.formatted(ago(7 * 86400)));

        assertThat(printer.cells(hpa, NOW)).containsExactly("web", "Deployment/web",
                "cpu: 45%/60%, memory: 150Mi/200Mi", "2", 8L, 3L, "7d");
    }

    @Test
    void showsTwoMetricsAndCountsTheRest() {
        JsonNode hpa = json("""
                {"apiVersion":"autoscaling/v2","metadata":{"name":"many"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":4,
                   "metrics":[
                     {"type":"Pods","pods":{"metric":{"name":"rps"},"target":{"type":"AverageValue","averageValue":"1k"}}},
                     {"type":"Object","object":{"metric":{"name":"qps"},"describedObject":{"kind":"Ingress","name":"main"},
                       "target":{"type":"Value","value":"10k"}}},
                     {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"30"}}}]},
                 "status":{"currentMetrics":[{"type":"Pods","pods":{"metric":{"name":"rps"},"current":{"averageValue":"250"}}}]}}
                """);

        assertThat(printer.cells(hpa, NOW).get(2)).isEqualTo("250/1k, <unknown>/10k + 1 more...");
    }

    @Test
    void printsAverageValueTargetsOfObjectAndExternalMetrics() {
        JsonNode hpa = json("""
                {"apiVersion":"autoscaling/v2","metadata":{"name":"ext"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"worker"},"maxReplicas":4,
                   "metrics":[{"type":"External","external":{"metric":{"name":"queue"},
                     "target":{"type":"AverageValue","averageValue":"30"}}}]},
                 "status":{"currentMetrics":[{"type":"External","external":{"current":{"averageValue":"12"}}}]}}
                """);

        assertThat(printer.cells(hpa, NOW).get(2)).isEqualTo("12/30 (avg)");
    }
}
