package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RbacPrintersTest {

    @Test
    void printsABindingWithItsRoleAndSubjectsByKind() {
        JsonNode binding = json("""
                {"metadata":{"name":"dev-edit","namespace":"dev","creationTimestamp":"%s"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
                 "subjects":[{"kind":"User","name":"jane"},{"kind":"Group","name":"devs"},
                             {"kind":"ServiceAccount","name":"bot","namespace":"dev"},{"kind":"User","name":"joe"}]}
                """.formatted(ago(20)));

        TablePrinter printer = RbacPrinters.bindings();

        assertThat(printer.columns()).extracting(Column::name)
                .containsExactly("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(printer.cells(binding, NOW)).containsExactly("dev-edit", "ClusterRole/edit", "20s", "jane, joe", "devs",
                "dev/bot");
    }

    @Test
    void rolesPrintTheirCreationTime() {
        assertThat(TablePrinters.forResource("rbac.authorization.k8s.io", "clusterroles").columns())
                .extracting(Column::name).containsExactly("Name", "Created At");
        assertThat(TablePrinters.forResource("rbac.authorization.k8s.io", "clusterrolebindings").columns())
                .extracting(Column::name).contains("Role");
    }
}
