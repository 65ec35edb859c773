package io.kubelite.machinery.selector;

/**
 * The operators of a label requirement. {@link #symbol()} is the spelling Kubernetes uses in
 * messages such as {@code expected: in, notin, =, ==, !=, gt, lt}.
 */
public enum LabelOperator {
    IN("in"),
    NOT_IN("notin"),
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    GREATER_THAN("gt"),
    LESS_THAN("lt"),
    EXISTS("exists"),
    DOES_NOT_EXIST("!");

    private final String symbol;

    LabelOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code =} and {@code ==}, the requirements a store can answer with {@code labels @> {...}}. */
    public boolean isEquality() {
        return this == EQUALS || this == DOUBLE_EQUALS;
    }
}
