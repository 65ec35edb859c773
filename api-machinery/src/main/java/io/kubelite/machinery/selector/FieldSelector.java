package io.kubelite.machinery.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable field selector such as {@code spec.nodeName=node-1,status.phase!=Failed},
 * parsed like Kubernetes' {@code fields.ParseSelector}.
 *
 * <p>Terms are split on unescaped commas and sorted as strings; each term splits at the
 * first operator, tried in the order {@code !=}, {@code ==}, {@code =} at every position.
 * In values, {@code \,} {@code \=} and {@code \\} stand for the literal character, so
 * {@code metadata.name=a\,b} selects the name {@code a,b}. A field an object does not have
 * reads as the empty string: {@code spec.nodeName=} selects unscheduled pods.
 */
public final class FieldSelector {

    public enum Operator { EQUALS, NOT_EQUALS }

    public record Requirement(String field, Operator op, String value) {

        public Requirement {
            Objects.requireNonNull(field);
            Objects.requireNonNull(op);
            Objects.requireNonNull(value);
        }

        boolean matches(Function<String, String> fieldValue) {
            String actual = Objects.requireNonNullElse(fieldValue.apply(field), "");
            return (op == Operator.EQUALS) == actual.equals(value);
        }

        /** {@code field=value} or {@code field!=value} with the value escaped back. */
        @Override
        public String toString() {
            return field + (op == Operator.EQUALS ? "=" : "!=") + escape(value);
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses the {@code ?fieldSelector=} syntax; null or empty selects everything.
     *
     * @throws SelectorException with Kubernetes' message, e.g.
     *     {@code invalid selector: 'a'; can't understand 'a'}
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        List<String> terms = splitTerms(selector);
        Collections.sort(terms);
        List<Requirement> requirements = new ArrayList<>();
        for (String term : terms) {
            if (!term.isEmpty()) {
                requirements.add(parseTerm(selector, term));
            }
        }
        return new FieldSelector(requirements);
    }

    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    private static Requirement parseTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            String rest = term.substring(i);
            if (rest.startsWith("!=")) {
                return new Requirement(term.substring(0, i), Operator.NOT_EQUALS, unescape(rest.substring(2)));
            }
            if (rest.startsWith("==")) {
                return new Requirement(term.substring(0, i), Operator.EQUALS, unescape(rest.substring(2)));
            }
            if (rest.startsWith("=")) {
                return new Requirement(term.substring(0, i), Operator.EQUALS, unescape(rest.substring(1)));
            }
        }
        throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    /**
     * Removes the escaping of a value. An unescaped {@code ,} or {@code =} cannot occur after
     * splitting except as in {@code a=b=c}, which Kubernetes rejects; its message prints the
     * character as a number ({@code 61} for {@code =}), and so does this one.
     */
    private static String unescape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean escaped = false;
        for (char c : value.toCharArray()) {
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
                }
                sb.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                throw new SelectorException("invalid field selector: unescaped character in value: " + (int) c);
            } else {
                sb.append(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: invalid escape sequence: \\");
        }
        return sb.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }

    /**
     * Whether every requirement holds. {@code fieldValue} returns a field's value as a
     * string, or null when the object has no such field (read as "").
     */
    public boolean matches(Function<String, String> fieldValue) {
        return requirements.stream().allMatch(r -> r.matches(fieldValue));
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The value the selector requires {@code field} to equal, for a store to push down;
     * {@code metadata.name=web} gives {@code web} for {@code metadata.name}. Empty when the
     * field is unconstrained or only constrained by {@code !=}.
     */
    public Optional<String> exactValue(String field) {
        return requirements.stream()
                .filter(r -> r.field().equals(field) && r.op() == Operator.EQUALS)
                .map(Requirement::value)
                .findFirst();
    }

    /** The canonical form, e.g. {@code metadata.name=web,status.phase!=Failed}; "" for everything. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
