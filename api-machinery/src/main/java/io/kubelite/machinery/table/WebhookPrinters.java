package io.kubelite.machinery.table;

import java.util.List;

/** Validating and mutating webhook configurations, which kube-apiserver prints alike. */
final class WebhookPrinters {

    private WebhookPrinters() {
    }

    /** NAME WEBHOOKS AGE, WEBHOOKS counting the entries of {@code webhooks} (0 when there are none). */
    static TablePrinter configurations() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
                Columns.AGE);
        return new RowPrinter(columns, (configuration, now) -> List.of(Fields.name(configuration),
                (long) Fields.list(configuration, "webhooks").size(), Fields.age(configuration, now)));
    }
}
