package io.kubelite.machinery.table;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The RBAC kinds' columns: roles NAME CREATED AT; bindings NAME ROLE AGE, and their subjects with -o wide. */
final class RbacPrinters {

    private RbacPrinters() {
    }

    /** NAME ROLE AGE, then USERS GROUPS SERVICEACCOUNTS ({@code namespace/name}) with -o wide. */
    static TablePrinter bindings() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole "
                        + "in the global namespace."),
                Columns.AGE,
                Columns.wide("Users", "string", "Users in the binding"),
                Columns.wide("Groups", "string", "Groups in the binding"),
                Columns.wide("ServiceAccounts", "string", "ServiceAccounts in the binding"));
        return new RowPrinter(columns, (binding, now) -> {
            List<String> users = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            List<String> accounts = new ArrayList<>();
            for (JsonNode subject : Fields.list(binding, "subjects")) {
                String name = Fields.text(subject, "name");
                switch (Fields.text(subject, "kind")) {
                    case "User" -> users.add(name);
                    case "Group" -> groups.add(name);
                    case "ServiceAccount" -> accounts.add(Fields.text(subject, "namespace") + "/" + name);
                    default -> {
                        // other subject kinds are not shown, as kubectl does not show them
                    }
                }
            }
            return List.of(Fields.name(binding),
                    Fields.text(binding, "roleRef", "kind") + "/" + Fields.text(binding, "roleRef", "name"),
                    Fields.age(binding, now), String.join(", ", users), String.join(", ", groups),
                    String.join(", ", accounts));
        });
    }
}
