package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class WebhookPrintersTest {

    private final TablePrinter validating =
            TablePrinters.forResource("admissionregistration.k8s.io", "validatingwebhookconfigurations");
    private final TablePrinter mutating =
            TablePrinters.forResource("admissionregistration.k8s.io", "mutatingwebhookconfigurations");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"validatingwebhookconfigurations", "mutatingwebhookconfigurations"})
    void hasKubernetesColumns(String resource) {
        TablePrinter printer = TablePrinters.forResource("admissionregistration.k8s.io", resource);

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Webhooks", "Age");
        assertThat(printer.columns()).extracting(Column::type).containsExactly("string", "integer", "string");
        assertThat(printer.columns().get(1).description())
                .isEqualTo("Webhooks indicates the number of webhooks registered in this configuration");
        assertThat(printer.columns()).extracting(Column::priority).containsOnly(0);
    }

    @Test
    void printsAValidatingConfigurationWithItsWebhookCount() {
        JsonNode configuration = json("""
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration",
                 "metadata":{"name":"pod-policy.example.com","creationTimestamp":"%s"},
                 "webhooks":[{"name":"pods.pod-policy.example.com","sideEffects":"None","admissionReviewVersions":["v1"],
                              "clientConfig":{"url":"https://hook.example.com/pods"}},
                             {"name":"deployments.pod-policy.example.com","sideEffects":"None","admissionReviewVersions":["v1"],
                              "clientConfig":{"url":"https://hook.example.com/deployments"}}]}
                """.formatted(ago(90)));

        assertThat(validating.cells(configuration, NOW)).containsExactly("pod-policy.example.com", 2L, "90s");
    }

    @Test
    void printsZeroForAMutatingConfigurationWithoutWebhooks() {
        JsonNode configuration = json("""
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration",
                 "metadata":{"name":"placeholder.example.com","creationTimestamp":"%s"}}
                """.formatted(ago(3 * 86400)));

        assertThat(mutating.cells(configuration, NOW)).containsExactly("placeholder.example.com", 0L, "3d");
    }
}
