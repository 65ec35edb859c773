package io.kubelite.machinery.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a label selector into tokens the way Kubernetes' lexer does.
 *
 * <p>An identifier runs until whitespace or one of {@code = ! ( ) , > <}; so {@code a=b/c}
 * is {@code a}, {@code =}, {@code b/c}, and the slash is only rejected later by value
 * validation. Symbols are read greedily: {@code !=} is one token, {@code =(} is two.
 * {@code in} and {@code notin} are keywords here; the parser turns them back into
 * identifiers where a key or a value is expected ({@code in in (in)} is valid).
 */
final class LabelLexer {

    enum Token { END, CLOSE_PAR, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GREATER_THAN, IDENTIFIER, IN, LESS_THAN,
        NOT_EQUALS, NOT_IN, OPEN_PAR }

    record Item(Token token, String literal) {
    }

    private static final Map<String, Token> LITERALS = Map.ofEntries(
            Map.entry(")", Token.CLOSE_PAR), Map.entry(",", Token.COMMA), Map.entry("!", Token.NOT),
            Map.entry("==", Token.DOUBLE_EQUALS), Map.entry("=", Token.EQUALS), Map.entry(">", Token.GREATER_THAN),
            Map.entry("in", Token.IN), Map.entry("<", Token.LESS_THAN), Map.entry("!=", Token.NOT_EQUALS),
            Map.entry("notin", Token.NOT_IN), Map.entry("(", Token.OPEN_PAR));

    private final String input;
    private int pos;

    private LabelLexer(String input) {
        this.input = input;
    }

    /** All tokens of the input, the last one always {@link Token#END}. */
    static List<Item> scan(String input) {
        LabelLexer lexer = new LabelLexer(input);
        List<Item> items = new ArrayList<>();
        Item item;
        do {
            item = lexer.next();
            items.add(item);
        } while (item.token() != Token.END);
        return items;
    }

    private Item next() {
        while (pos < input.length() && isWhitespace(input.charAt(pos))) {
            pos++;
        }
        if (pos >= input.length()) {
            return new Item(Token.END, "");
        }
        return isSpecial(input.charAt(pos)) ? symbol() : identifierOrKeyword();
    }

    private Item identifierOrKeyword() {
        int start = pos;
        while (pos < input.length() && !isSpecial(input.charAt(pos)) && !isWhitespace(input.charAt(pos))) {
            pos++;
        }
        String word = input.substring(start, pos);
        Token keyword = LITERALS.get(word);
        return new Item(keyword != null ? keyword : Token.IDENTIFIER, word);
    }

    private Item symbol() {
        int start = pos;
        Item longest = null;
        while (pos < input.length() && isSpecial(input.charAt(pos))) {
            String candidate = input.substring(start, pos + 1);
            Token token = LITERALS.get(candidate);
            if (token != null) {
                longest = new Item(token, candidate);
            } else if (longest != null) {
                break;
            }
            pos++;
        }
        // Every single special character is a token, so the first one always matches.
        pos = start + longest.literal().length();
        return longest;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
}
