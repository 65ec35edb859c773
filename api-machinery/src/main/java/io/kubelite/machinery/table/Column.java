package io.kubelite.machinery.table;

/**
 * One {@code columnDefinitions} entry of a Table.
 *
 * @param name header text; kubectl upper-cases it ({@code "Nominated Node"} prints as
 *     {@code NOMINATED NODE})
 * @param type OpenAPI type of the cells: {@code string}, {@code integer}, {@code boolean}
 *     or {@code date}
 * @param format {@code name} for the column holding the object name, otherwise empty
 * @param description what the column shows
 * @param priority 0 for columns always shown, 1 for columns shown only by {@code -o wide}
 */
public record Column(String name, String type, String format, String description, int priority) {

    public Column {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be empty");
        }
        type = type == null ? "string" : type;
        format = format == null ? "" : format;
        description = description == null ? "" : description;
    }
}
