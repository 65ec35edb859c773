package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Turns one object of a resource into a Table row, column for column. */
public interface TablePrinter {

    /** The columns in print order, priority-1 ({@code -o wide}) columns included. */
    List<Column> columns();

    /**
     * The cells of one row, one per column: {@link String}s, {@link Long}s or
     * {@link Boolean}s exactly as kube-apiserver prints them. Ages are measured to
     * {@code now}.
     */
    List<Object> cells(JsonNode object, Instant now);
}
