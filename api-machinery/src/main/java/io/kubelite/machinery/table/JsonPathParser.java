package io.kubelite.machinery.table;

import io.kubelite.machinery.table.JsonPath.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * client-go's JSONPath grammar for the inside of one {@code {...}} action. It accepts what
 * client-go accepts, quirks included: {@code ['a.b']} is read as {@code .a.b}, {@code []} as
 * {@code [0]}, and words other than {@code true} and {@code false} parse but fail to evaluate.
 * Braces are rejected instead of ending the action.
 */
final class JsonPathParser {

    private static final Pattern DICT_KEY = Pattern.compile("'([^']*)'");
    private static final Pattern SLICE = Pattern.compile("(-?\\d*)(:-?\\d*)?(:-?\\d*)?");
    private static final Pattern COMPARISON = Pattern.compile("([^!<>=]+)([!<>=]+)(.+?)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A syntax error in some part of the expression, reported against the whole of it. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String input;
    private int pos;

    private JsonPathParser(String input) {
        this.input = input;
    }

    static List<Step> parse(String expression) {
        try {
            return new JsonPathParser(expression).steps();
        } catch (SyntaxError e) {
            throw new IllegalArgumentException("invalid JSONPath \"" + expression + "\": " + e.getMessage(), e);
        }
    }

    /** A nested action: one branch of a union, or one side of a filter. */
    private static List<Step> action(String text) {
        try {
            return new JsonPathParser(text).steps();
        } catch (SyntaxError e) {
            throw new SyntaxError(e.getMessage() + " in \"" + text + "\"");
        }
    }

    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        while (pos < input.length()) {
            if (input.startsWith("[?(", pos)) {
                steps.add(filter());
            } else if (input.startsWith("..", pos)) {
                recursive(steps);
            } else {
                int c = input.codePointAt(pos);
                if (c == ' ' || c == '@' || c == '$') {
                    pos++;
                } else if (c == '[') {
                    steps.addAll(array());
                } else if (c == '"' || c == '\'') {
                    steps.add(quoted((char) c));
                } else if (c == '.') {
                    pos++;
                    steps.add(field());
                } else if (c == '+' || c == '-' || Character.isDigit(c)) {
                    steps.add(number());
                } else if (isAlphaNumeric(c)) {
                    steps.add(identifier());
                } else if (c == '\r' || c == '\n') {
                    throw new SyntaxError("line break at offset " + pos);
                } else {
                    throw new SyntaxError(String.format("unrecognized character %s at offset %d",
                            describe(c), pos));
                }
            }
        }
        return steps;
    }

    private void recursive(List<Step> steps) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof JsonPath.Recursive) {
            throw new SyntaxError("invalid multiple recursive descent at offset " + pos);
        }
        pos += 2;
        steps.add(new JsonPath.Recursive());
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            steps.add(field());
        }
    }

    /** A member name up to the next unescaped terminator; backslashes escape and are dropped. */
    private Step field() {
        int start = pos;
        while (pos < input.length() && !isTerminator(input.charAt(pos))) {
            pos += input.charAt(pos) == '\\' ? 2 : 1;
        }
        pos = Math.min(pos, input.length());
        String name = input.substring(start, pos);
        return name.equals("*") ? new JsonPath.Wildcard() : new JsonPath.Field(name.replace("\\", ""));
    }

    /** {@code [...]}: a union, a quoted key or an index or slice. */
    private List<Step> array() {
        int close = pos + 1;
        while (close < input.length() && input.charAt(close) != ']' && input.charAt(close) != '\n') {
            close++;
        }
        if (close >= input.length() || input.charAt(close) != ']') {
            throw new SyntaxError("unterminated array at offset " + pos);
        }
        String text = input.substring(pos + 1, close);
        pos = close + 1;
        if (text.equals("*")) {
            text = ":";
        }
        String[] parts = text.split(",", -1);
        if (parts.length > 1) {
            List<List<Step>> branches = new ArrayList<>();
            for (String part : parts) {
                branches.add(action("[" + part.replaceAll("^ +| +$", "") + "]"));
            }
            return List.of(new JsonPath.Union(branches));
        }
        Matcher key = DICT_KEY.matcher(text);
        if (key.matches()) {
            return action("." + key.group(1));
        }
        Matcher slice = SLICE.matcher(text);
        if (!slice.matches()) {
            throw new SyntaxError("invalid array index " + text);
        }
        Integer start = bound(slice.group(1));
        String end = slice.group(2);
        String step = slice.group(3);
        if (end == null) {
            int index = start == null ? 0 : start;
            return List.of(new JsonPath.Slice(index, index + 1, true, null));
        }
        return List.of(new JsonPath.Slice(start, bound(end.substring(1)), false,
                step == null ? null : bound(step.substring(1))));
    }

    private static Integer bound(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SyntaxError("array index " + text + " is not a number");
        }
    }

    /**
     * {@code [?(...)]}, ending at the first {@code )} outside a quoted string that is
     * followed by {@code ]}.
     */
    private Step filter() {
        int open = pos;
        pos += 3;
        int start = pos;
        boolean begin = false;
        boolean end = false;
        char pair = 0;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new SyntaxError("unterminated filter at offset " + open);
            }
            char c = input.charAt(pos++);
            if (c == '"' || c == '\'') {
                if (!begin) {
                    begin = true;
                    pair = c;
                } else if (c == pair && input.charAt(pos - 2) != '\\') {
                    end = true;
                }
            } else if (c == ')' && begin == end) {
                break;
            }
        }
        if (pos >= input.length() || input.charAt(pos) != ']') {
            throw new SyntaxError("unclosed filter at offset " + open + ", expected ] after )");
        }
        String text = input.substring(start, pos - 1);
        pos++;
        Matcher comparison = COMPARISON.matcher(text);
        if (!comparison.matches()) {
            return new JsonPathFilter(action(text), "exists", null);
        }
        return new JsonPathFilter(action(comparison.group(1)), comparison.group(2), action(comparison.group(3)));
    }

    private Step quoted(char quote) {
        int start = pos++;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new SyntaxError("unterminated quoted string at offset " + start);
            }
            char c = input.charAt(pos++);
            if (c == quote && input.charAt(pos - 2) != '\\') {
                break;
            }
        }
        String raw = input.substring(start, pos);
        return new JsonPath.Literal(NODES.stringNode(unquote(raw)), false);
    }

    /**
     * Go's {@code strconv.Unquote}, for single quotes too: {@code 'It\'s'} is {@code It's};
     * escapes are Go's ({@code \n}, {@code \t}, {@code \x41}, {@code \101}).
     */
    private static String unquote(String raw) {
        char quote = raw.charAt(0);
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c == quote) {
                throw new SyntaxError("invalid quoted string " + raw);
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= body.length()) {
                throw new SyntaxError("invalid quoted string " + raw);
            }
            char escape = body.charAt(i++);
            int digits = switch (escape) {
                case 'x' -> 2;
                case 'u' -> 4;
                case 'U' -> 8;
                case '0', '1', '2', '3', '4', '5', '6', '7' -> 3;
                default -> 0;
            };
            if (digits > 0) {
                int from = escape >= '0' && escape <= '7' ? i - 1 : i;
                int radix = escape >= '0' && escape <= '7' ? 8 : 16;
                if (from + digits > body.length()) {
                    throw new SyntaxError("invalid escape in quoted string " + raw);
                }
                try {
                    out.appendCodePoint(Integer.parseInt(body.substring(from, from + digits), radix));
                } catch (IllegalArgumentException e) {
                    throw new SyntaxError("invalid escape in quoted string " + raw);
                }
                i = from + digits;
                continue;
            }
            int index = "abfnrtv\\'\"".indexOf(escape);
            if (index < 0 || (escape == '\'' || escape == '"') && escape != quote) {
                throw new SyntaxError("invalid escape \\" + escape + " in quoted string " + raw);
            }
            out.append("\u0007\b\f\n\r\t\u000b\\'\"".charAt(index));
        }
        return out.toString();
    }

    private Step number() {
        int start = pos;
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        while (pos < input.length() && (input.charAt(pos) == '.' || Character.isDigit(input.charAt(pos)))) {
            pos++;
        }
        String text = input.substring(start, pos);
        try {
            return new JsonPath.Literal(NODES.numberNode(Long.parseLong(text)), true);
        } catch (NumberFormatException notAnInteger) {
            try {
                return new JsonPath.Literal(NODES.numberNode(Double.parseDouble(text)), true);
            } catch (NumberFormatException e) {
                throw new SyntaxError("cannot parse number " + text);
            }
        }
    }

    private Step identifier() {
        int start = pos;
        while (pos < input.length() && !isTerminator(input.charAt(pos))) {
            pos++;
        }
        String word = input.substring(start, pos);
        if (word.equals("true") || word.equals("false")) {
            return new JsonPath.Literal(NODES.booleanNode(Boolean.parseBoolean(word)), true);
        }
        return new JsonPath.Identifier(word);
    }

    private static boolean isTerminator(char c) {
        return " \t\r\n.,[]$@{}".indexOf(c) >= 0;
    }

    private static boolean isAlphaNumeric(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** Go's {@code %#U}: {@code U+0023 '#'}. */
    private static String describe(int c) {
        return String.format("U+%04X '%s'", c, new String(Character.toChars(c)));
    }
}
