package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A printer made of a fixed column list and a function computing the cells. */
record RowPrinter(List<Column> columns, Cells compute) implements TablePrinter {

    @FunctionalInterface
    interface Cells {
        List<Object> of(JsonNode object, Instant now);
    }

    RowPrinter {
        columns = List.copyOf(columns);
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        List<Object> row = compute.of(object, now);
        if (row.size() != columns.size()) {
            throw new IllegalStateException("printer produced " + row.size() + " cells for "
                    + columns.size() + " columns");
        }
        return row;
    }
}
