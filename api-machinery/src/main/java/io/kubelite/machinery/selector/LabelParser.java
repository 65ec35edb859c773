package io.kubelite.machinery.selector;

import io.kubelite.machinery.selector.LabelLexer.Item;
import io.kubelite.machinery.selector.LabelLexer.Token;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the label selector grammar of {@code labels.Parse}:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 * </pre>
 *
 * Set values are de-duplicated and sorted ({@code x in (b,a,b)} holds {@code [a, b]}); empty
 * values are legal ({@code x in (,a)} holds {@code ["", a]}, {@code x=} holds {@code [""]}).
 * Error messages are Kubernetes' own, including its quirks such as the missing comma in
 * {@code found 'a' expected: '('}.
 */
final class LabelParser {

    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final List<Item> items;
    private int position;

    private LabelParser(List<Item> items) {
        this.items = items;
    }

    static List<LabelRequirement> parse(String selector) {
        return new LabelParser(LabelLexer.scan(selector)).requirements();
    }

    private List<LabelRequirement> requirements() {
        List<LabelRequirement> requirements = new ArrayList<>();
        while (true) {
            Item next = lookahead(true);
            switch (next.token()) {
                case END -> {
                    return requirements;
                }
                case IDENTIFIER, NOT -> {
                    requirements.add(requirement());
                    Item after = consume(true);
                    if (after.token() == Token.END) {
                        return requirements;
                    }
                    if (after.token() != Token.COMMA) {
                        throw error("found '" + after.literal() + "', expected: ',' or 'end of string'");
                    }
                    Item afterComma = lookahead(true);
                    if (afterComma.token() != Token.IDENTIFIER && afterComma.token() != Token.NOT) {
                        throw error("found '" + afterComma.literal() + "', expected: identifier after ','");
                    }
                }
                default -> throw error("found '" + next.literal() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement requirement() {
        try {
            boolean negated = lookahead(true).token() == Token.NOT;
            if (negated) {
                consume(true);
            }
            Item key = consume(true);
            if (key.token() != Token.IDENTIFIER) {
                throw error("found '" + key.literal() + "', expected: identifier");
            }
            List<String> keyProblems = LabelValidation.keyProblems(key.literal());
            if (!keyProblems.isEmpty()) {
                throw error(FieldErrors.invalid("<nil>", GoValues.quote(key.literal()), String.join("; ", keyProblems)));
            }
            Token after = lookahead(true).token();
            if (negated) {
                return LabelRequirement.validated(key.literal(), LabelOperator.DOES_NOT_EXIST, List.of());
            }
            if (after == Token.END || after == Token.COMMA) {
                return LabelRequirement.validated(key.literal(), LabelOperator.EXISTS, List.of());
            }
            LabelOperator operator = operator();
            List<String> values = operator == LabelOperator.IN || operator == LabelOperator.NOT_IN
                    ? setValues() : exactValue();
            return LabelRequirement.validated(key.literal(), operator, values);
        } catch (SelectorException e) {
            throw error("unable to parse requirement: " + e.getMessage());
        }
    }

    private LabelOperator operator() {
        Item item = consume(false);
        return switch (item.token()) {
            case IN -> LabelOperator.IN;
            case NOT_IN -> LabelOperator.NOT_IN;
            case EQUALS -> LabelOperator.EQUALS;
            case DOUBLE_EQUALS -> LabelOperator.DOUBLE_EQUALS;
            case NOT_EQUALS -> LabelOperator.NOT_EQUALS;
            case GREATER_THAN -> LabelOperator.GREATER_THAN;
            case LESS_THAN -> LabelOperator.LESS_THAN;
            default -> throw error("found '" + item.literal() + "', expected: " + BINARY_OPERATORS);
        };
    }

    private List<String> setValues() {
        Item open = consume(true);
        if (open.token() != Token.OPEN_PAR) {
            throw error("found '" + open.literal() + "' expected: '('");
        }
        Item first = lookahead(true);
        switch (first.token()) {
            case CLOSE_PAR -> {
                consume(true);
                return List.of("");
            }
            case IDENTIFIER, COMMA -> {
                List<String> values = identifierList();
                if (consume(true).token() != Token.CLOSE_PAR) {
                    throw error("found '" + first.literal() + "', expected: ')'");
                }
                return values;
            }
            default -> throw error("found '" + first.literal() + "', expected: ',', ')' or identifier");
        }
    }

    /** A comma-separated list where a missing value between commas is the empty string. */
    private List<String> identifierList() {
        TreeSet<String> values = new TreeSet<>();
        while (true) {
            Item item = consume(true);
            switch (item.token()) {
                case IDENTIFIER -> {
                    values.add(item.literal());
                    Item next = lookahead(true);
                    if (next.token() == Token.CLOSE_PAR) {
                        return List.copyOf(values);
                    }
                    if (next.token() != Token.COMMA) {
                        throw error("found '" + next.literal() + "', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Token next = lookahead(true).token();
                    if (next == Token.CLOSE_PAR) {
                        values.add("");
                        return List.copyOf(values);
                    }
                    if (next == Token.COMMA) {
                        consume(true);
                        values.add("");
                    }
                }
                default -> throw error("found '" + item.literal() + "', expected: ',', or identifier");
            }
        }
    }

    private List<String> exactValue() {
        Token next = lookahead(true).token();
        if (next == Token.END || next == Token.COMMA) {
            return List.of("");
        }
        Item value = consume(true);
        if (value.token() != Token.IDENTIFIER) {
            throw error("found '" + value.literal() + "', expected: identifier");
        }
        return List.of(value.literal());
    }

    /** The next token; where a value is expected the keywords {@code in}/{@code notin} are identifiers. */
    private Item lookahead(boolean valueContext) {
        return asValue(items.get(position), valueContext);
    }

    private Item consume(boolean valueContext) {
        Item item = asValue(items.get(position), valueContext);
        if (position < items.size() - 1) {
            position++;
        }
        return item;
    }

    private static Item asValue(Item item, boolean valueContext) {
        boolean keyword = item.token() == Token.IN || item.token() == Token.NOT_IN;
        return valueContext && keyword ? new Item(Token.IDENTIFIER, item.literal()) : item;
    }

    private static SelectorException error(String message) {
        return new SelectorException(message);
    }
}
