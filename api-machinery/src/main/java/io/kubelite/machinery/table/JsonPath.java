package io.kubelite.machinery.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One action of client-go's JSONPath templates ({@code k8s.io/client-go/util/jsonpath}),
 * written without braces, as in a CRD's {@code additionalPrinterColumns[].jsonPath}:
 * {@code .spec.replicas}, {@code .spec.containers[0].image}, {@code .spec.items[*].name},
 * {@code .status.conditions[?(@.type=="Ready")].status},
 * {@code .metadata.annotations.example\.com/x}.
 *
 * <p>Parsed once, evaluated many times; instances are immutable and thread-safe. Evaluation
 * follows client-go with {@code AllowMissingKeys(true)}, as kube-apiserver's table convertor
 * sets it: a missing key or a step into {@code null} matches nothing, while an index out of
 * bounds, indexing or filtering a non-array, or comparing values of different types is an
 * {@link EvaluationException}. Worked example on {@code {"items":[{"n":1},{"n":2},{"n":3}]}}:
 * {@code .items[*].n} matches 1, 2, 3; {@code .items[-1].n} 3; {@code .items[0:2].n} 1, 2;
 * {@code .items[?(@.n>1)].n} 2, 3; {@code .items[5].n} fails (index 5, length 3);
 * {@code .items[0].m} matches nothing.
 */
public final class JsonPath {

    private final String expression;
    private final List<Step> steps;

    private JsonPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses {@code expression} as client-go parses {@code "{" + expression + "}"}.
     *
     * @throws IllegalArgumentException naming the expression and what is wrong with it, e.g.
     *     {@code invalid JSONPath ".spec.items[0": unterminated array}
     */
    public static JsonPath parse(String expression) {
        if (expression == null) {
            throw new IllegalArgumentException("invalid JSONPath: must not be null");
        }
        return new JsonPath(expression, JsonPathParser.parse(expression));
    }

    /** The expression as given to {@link #parse(String)}. */
    public String expression() {
        return expression;
    }

    /**
     * The nodes {@code root} matches, in document order; JSON {@code null} values are matched
     * as {@code NullNode}s.
     *
     * @throws EvaluationException where client-go's {@code FindResults} fails
     */
    public List<JsonNode> evaluate(JsonNode root) {
        return Collections.unmodifiableList(walk(List.of(root), steps));
    }

    @Override
    public String toString() {
        return expression;
    }

    /** Evaluation failed the way client-go's does; kube-apiserver shows an empty cell then. */
    public static final class EvaluationException extends RuntimeException {

        EvaluationException(String message) {
            super(message);
        }
    }

    static List<JsonNode> walk(List<JsonNode> input, List<Step> steps) {
        List<JsonNode> current = input;
        for (Step step : steps) {
            current = step.apply(current);
        }
        return current;
    }

    /** The direct children of an object or array; none for scalars, as in Go. */
    static List<JsonNode> children(JsonNode node) {
        List<JsonNode> children = new ArrayList<>();
        if (node.isContainer()) {
            node.values().forEach(children::add);
        }
        return children;
    }

    static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** One parsed step of an action; each maps the current matches to the next. */
    interface Step {
        List<JsonNode> apply(List<JsonNode> input);
    }

    /** {@code .name} or {@code ['name']}: the member of each object; arrays and scalars have none. */
    record Field(String name) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode value : input) {
                JsonNode member = value.isObject() ? value.get(name) : null;
                if (member != null) {
                    out.add(member);
                }
            }
            return out;
        }
    }

    /** {@code .*}: every member of an object, every element of an array. */
    record Wildcard() implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            List<JsonNode> out = new ArrayList<>();
            input.forEach(value -> out.addAll(children(value)));
            return out;
        }
    }

    /**
     * {@code ..}: each non-empty container and, recursively, its descendants, parents first;
     * the following step (usually a field) then picks from all of them.
     */
    record Recursive() implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode value : input) {
                List<JsonNode> children = children(value);
                if (!children.isEmpty()) {
                    out.add(value);
                    out.addAll(apply(children));
                }
            }
            return out;
        }
    }

    /**
     * {@code [i]}, {@code [a:b]}, {@code [a:b:step]} and {@code [*]}; null bounds are unset.
     * {@code [i]} is parsed as start {@code i} and a derived end {@code i+1}, so {@code [-1]}
     * on 3 elements is start 2, end 0 + 3 = 3. Out-of-range bounds fail rather than clamp,
     * as Go's slicing does.
     */
    record Slice(Integer start, Integer end, boolean endDerived, Integer step) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode value : input) {
                if (value.isNull()) {
                    continue;
                }
                if (!value.isArray()) {
                    throw new EvaluationException(typeOf(value) + " is not an array");
                }
                int length = value.size();
                int from = start == null ? 0 : start;
                if (from < 0) {
                    from += length;
                }
                int to = end == null ? length : end;
                if (to < 0 || (to == 0 && endDerived)) {
                    to += length;
                }
                if (from == to) {
                    // client-go stops here, dropping the remaining inputs too
                    return out;
                }
                if (from >= length || from < 0) {
                    throw new EvaluationException("array index out of bounds: index " + from + ", length " + length);
                }
                if (to > length || to < 0) {
                    throw new EvaluationException(
                            "array index out of bounds: index " + (to - 1) + ", length " + length);
                }
                if (from > to) {
                    throw new EvaluationException("starting index " + from + " is greater than ending index " + to);
                }
                if (step != null && step <= 0) {
                    throw new EvaluationException("step must be > 0");
                }
                for (int i = from; i < to; i += step == null ? 1 : step) {
                    out.add(value.get(i));
                }
            }
            return out;
        }
    }

    /** {@code [a,b]}: the matches of each branch, branch after branch. */
    record Union(List<List<Step>> branches) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            List<JsonNode> out = new ArrayList<>();
            branches.forEach(branch -> out.addAll(walk(input, branch)));
            return out;
        }
    }

    /** A quoted string, number or {@code true}/{@code false}: a constant, as in a filter's right side. */
    record Literal(JsonNode value, boolean perInput) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            return perInput ? Collections.nCopies(input.size(), value) : List.of(value);
        }
    }

    /** A bare word such as {@code range}: parses in client-go but cannot be evaluated in a column. */
    record Identifier(String name) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> input) {
            throw new EvaluationException("unrecognized identifier " + name);
        }
    }
}
