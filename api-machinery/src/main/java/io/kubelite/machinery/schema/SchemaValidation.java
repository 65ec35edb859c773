package io.kubelite.machinery.schema;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * kube-openapi's schema validator as kube-apiserver runs it on custom resources. Each value is
 * judged by the checks that apply to it, in kube-openapi's order: type, allOf/anyOf/oneOf/not,
 * string (the first of maxLength, minLength, pattern that fails), format, number (multipleOf,
 * minimum, maximum), array (items, minItems, maxItems, uniqueItems), enum, object
 * (min/maxProperties, which stop the object's other checks, then additional properties,
 * properties and required).
 *
 * <p>Numbers follow Go's decoding: a JSON integer is an {@code int64}, anything else a
 * {@code float64}. So a bound is printed as an integer when the value is one ({@code minimum: 1.5}
 * against {@code 1} reads "should be greater than or equal to 1", truncated as Go converts it) and
 * with {@code %v} otherwise; a float with no fraction ({@code 2.0}) is accepted as an integer.
 */
final class SchemaValidation {

    private static final Set<String> META = Set.of("apiVersion", "kind", "metadata");
    private static final double MAX_JSON_INTEGER = 9007199254740992d;

    private final OpenApiErrors errors;
    private final boolean skipRootMeta;

    /**
     * @param base         where the validated value sits (null for a custom resource's root)
     * @param skipRootMeta whether the root object's apiVersion, kind and metadata are left alone
     */
    SchemaValidation(FieldPath base, boolean skipRootMeta) {
        this.errors = new OpenApiErrors(base);
        this.skipRootMeta = skipRootMeta;
    }

    List<FieldError> validate(StructuralSchema schema, JsonNode value) {
        List<FieldError> out = new ArrayList<>();
        check(schema, value, "", true, out);
        return out;
    }

    private void check(StructuralSchema s, JsonNode data, String name, boolean root, List<FieldError> out) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            List<String> types = types(s);
            if (!types.isEmpty() && !s.nullable) {
                out.add(errors.invalidType(name, String.join(",", types), "null"));
            }
            if (!s.enumValues.isEmpty()) {
                out.add(errors.enumFail(name, data, s.enumValues));
            }
            return;
        }
        checkType(s, data, name, out);
        combinators(s, data, name, root, out);
        if (data.isString()) {
            checkString(s, data.stringValue(), name, out);
            String format = Formats.effective(s.type, s.intOrString, s.format);
            if (Formats.known(format) && !Formats.valid(format, data.stringValue())) {
                out.add(errors.invalidType(name, format, data.stringValue()));
            }
        }
        if (data.isNumber()) {
            checkNumber(s, data, name, out);
        }
        if (data.isArray()) {
            checkArray(s, data, name, out);
        }
        if (!s.enumValues.isEmpty() && s.enumValues.stream().noneMatch(e -> enumMatches(data, e))) {
            out.add(errors.enumFail(name, data, s.enumValues));
        }
        if (data.isObject()) {
            checkObject(s, data, name, root, out);
        }
    }

    private static List<String> types(StructuralSchema s) {
        if (s.intOrString) {
            return List.of("integer", "string");
        }
        return s.type.isEmpty() ? List.of() : List.of(s.type);
    }

    private void checkType(StructuralSchema s, JsonNode data, String name, List<FieldError> out) {
        List<String> types = types(s);
        String format = Formats.effective(s.type, s.intOrString, s.format);
        if (types.isEmpty() && format.isEmpty()) {
            return;
        }
        String schType = GoFormat.jsonType(data);
        String dataFormat = isInt(data) ? "int64" : data.isNumber() ? "float64" : "";
        boolean floatInt = schType.equals("number") && isWhole(data.doubleValue()) && types.contains("integer");
        boolean intFloat = schType.equals("integer") && types.contains("number");
        boolean stringOrArray = data.isString() || data.isArray();
        if (!stringOrArray && !format.isEmpty()
                && !(types.contains(schType) || format.equals(dataFormat) || floatInt || intFloat)) {
            out.add(errors.invalidType(name, format, dataFormat));
            return;
        }
        if (!(types.contains("number") || types.contains("integer")) && !format.isEmpty() && stringOrArray) {
            return;
        }
        if (!(types.contains(schType) || floatInt || intFloat)) {
            out.add(errors.invalidType(name, String.join(",", types), schType));
        }
    }

    private void combinators(StructuralSchema s, JsonNode data, String name, boolean root, List<FieldError> out) {
        String quoted = GoValues.quote(name);
        if (!s.anyOf.isEmpty()) {
            List<FieldError> best = null;
            boolean matched = false;
            for (StructuralSchema alternative : s.anyOf) {
                List<FieldError> result = sub(alternative, data, name, root);
                if (result.isEmpty()) {
                    matched = true;
                    best = null;
                    break;
                }
                best = best == null || result.size() < best.size() ? result : best;
            }
            if (!matched) {
                out.add(errors.composite(quoted + " must validate at least one schema (anyOf)"));
            }
            if (best != null) {
                out.addAll(best);
            }
        }
        if (!s.oneOf.isEmpty()) {
            List<FieldError> best = null;
            int validated = 0;
            for (StructuralSchema alternative : s.oneOf) {
                List<FieldError> result = sub(alternative, data, name, root);
                if (result.isEmpty()) {
                    validated++;
                    best = null;
                } else if (validated == 0 && (best == null || result.size() < best.size())) {
                    best = result;
                }
            }
            if (validated != 1) {
                String found = validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
                out.add(errors.composite(quoted + " must validate one and only one schema (oneOf). " + found));
                if (best != null) {
                    out.addAll(best);
                }
            }
        }
        if (!s.allOf.isEmpty()) {
            int validated = 0;
            for (StructuralSchema part : s.allOf) {
                List<FieldError> result = sub(part, data, name, root);
                validated += result.isEmpty() ? 1 : 0;
                out.addAll(result);
            }
            if (validated != s.allOf.size()) {
                String none = validated == 0 ? ". None validated" : "";
                out.add(errors.composite(quoted + " must validate all the schemas (allOf)" + none));
            }
        }
        if (s.not != null && sub(s.not, data, name, root).isEmpty()) {
            out.add(errors.composite(quoted + " must not validate the schema (not)"));
        }
    }

    private List<FieldError> sub(StructuralSchema s, JsonNode data, String name, boolean root) {
        List<FieldError> result = new ArrayList<>();
        check(s, data, name, root, result);
        return result;
    }

    private void checkString(StructuralSchema s, String value, String name, List<FieldError> out) {
        long length = value.codePointCount(0, value.length());
        if (s.maxLength != null && length > s.maxLength) {
            out.add(errors.tooLong(name, s.maxLength));
        } else if (s.minLength != null && length < s.minLength) {
            out.add(errors.tooShort(name, s.minLength, value));
        } else if (!s.pattern.isEmpty()) {
            if (s.compiledPattern == null) {
                out.add(errors.pattern(name, s.pattern + ", but pattern is invalid: " + compileError(s.pattern), value));
            } else if (!s.compiledPattern.matcher(value).find()) {
                out.add(errors.pattern(name, s.pattern, value));
            }
        }
    }

    private void checkNumber(StructuralSchema s, JsonNode data, String name, List<FieldError> out) {
        boolean integer = isInt(data);
        if (s.multipleOf != null) {
            if (integer && s.multipleOf >= 1) {
                long factor = (long) s.multipleOf.doubleValue();
                if (data.longValue() % factor != 0) {
                    out.add(errors.multipleOf(name, Long.toString(factor), data));
                }
            } else if (s.multipleOf > 0) {
                double f = s.multipleOf;
                double mult = f < 1 ? 1 / f * data.doubleValue() : data.doubleValue() / f;
                if (!isWhole(mult)) {
                    out.add(errors.multipleOf(name, GoFormat.floatV(f), data));
                }
            }
        }
        if (s.minimum != null) {
            int cmp = compareToBound(data, s.minimum, integer);
            if (cmp < 0 || (s.exclusiveMinimum && cmp == 0)) {
                out.add(errors.minimum(name, bound(s.minimum, integer), s.exclusiveMinimum, data));
            }
        }
        if (s.maximum != null) {
            int cmp = compareToBound(data, s.maximum, integer);
            if (cmp > 0 || (s.exclusiveMaximum && cmp == 0)) {
                out.add(errors.maximum(name, bound(s.maximum, integer), s.exclusiveMaximum, data));
            }
        }
    }

    private void checkArray(StructuralSchema s, JsonNode data, String name, List<FieldError> out) {
        int size = data.size();
        if (s.items != null) {
            for (int i = 0; i < size; i++) {
                check(s.items, data.get(i), name + "[" + i + "]", false, out);
            }
        }
        if (s.minItems != null && size < s.minItems) {
            out.add(errors.tooFewItems(name, s.minItems, size));
        }
        if (s.maxItems != null && size > s.maxItems) {
            out.add(errors.tooManyItems(name, s.maxItems, size));
        }
        if (s.uniqueItems && hasDuplicates(data)) {
            out.add(errors.duplicateItems(name));
        }
    }

    private void checkObject(StructuralSchema s, JsonNode data, String name, boolean root, List<FieldError> out) {
        int count = data.size();
        if (s.minProperties != null && count < s.minProperties) {
            out.add(errors.tooFewProperties(name, s.minProperties, count));
            return;
        }
        if (s.maxProperties != null && count > s.maxProperties) {
            out.add(errors.tooManyProperties(name, s.maxProperties, count));
            return;
        }
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            if (s.properties.containsKey(e.getKey()) || s.additionalProperties == null) {
                continue;
            }
            if (!s.additionalProperties.allows()) {
                out.add(errors.propertyNotAllowed(name, e.getKey()));
            } else if (s.additionalProperties.schema() != null) {
                check(s.additionalProperties.schema(), e.getValue(), name + "." + e.getKey(), false, out);
            }
        }
        for (Map.Entry<String, StructuralSchema> p : s.properties.entrySet()) {
            if (root && skipRootMeta && META.contains(p.getKey())) {
                continue;
            }
            if (data.has(p.getKey())) {
                String child = name.isEmpty() ? p.getKey() : name + "." + p.getKey();
                check(p.getValue(), data.get(p.getKey()), child, false, out);
            }
        }
        for (String key : s.required) {
            if (!data.has(key)) {
                out.add(errors.required(name + "." + key));
            }
        }
    }

    /** Go's {@code int64(bound)} for an integer value, else {@code %v} of the float bound. */
    private static String bound(double bound, boolean integer) {
        return integer ? Long.toString((long) bound) : GoFormat.floatV(bound);
    }

    /** An int64 value meets the bound converted to int64 (truncated), a float64 value the bound itself. */
    private static int compareToBound(JsonNode data, double bound, boolean integer) {
        if (integer) {
            return Long.compare(data.longValue(), (long) bound);
        }
        double value = data.doubleValue();
        return value < bound ? -1 : value > bound ? 1 : 0;
    }

    /** An {@code int64} in Go: an integral JSON number that fits; larger ones decode as floats. */
    static boolean isInt(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong();
    }

    /** go-openapi's {@code IsFloat64AJSONInteger}: a whole number within +/- 2^53. */
    static boolean isWhole(double f) {
        return !Double.isNaN(f) && !Double.isInfinite(f) && Math.abs(f) <= MAX_JSON_INTEGER && f == Math.rint(f);
    }

    /**
     * Go's conversion-then-DeepEqual of an enum check: numbers meet as the enum value's type
     * ({@code 1.0} matches {@code 1}), everything else must be deeply equal.
     */
    private static boolean enumMatches(JsonNode data, JsonNode allowed) {
        if (data.isNumber() && allowed.isNumber()) {
            if (isInt(allowed)) {
                long value = isInt(data) ? data.longValue() : (long) data.doubleValue();
                return value == allowed.longValue();
            }
            return data.doubleValue() == allowed.doubleValue();
        }
        return same(data, allowed);
    }

    private static boolean hasDuplicates(JsonNode array) {
        for (int i = 0; i < array.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (same(array.get(i), array.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Go's {@code reflect.DeepEqual} of decoded JSON: an int64 never equals a float64. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (isInt(a) != isInt(b)) {
                return false;
            }
            return isInt(a) ? a.longValue() == b.longValue() : a.doubleValue() == b.doubleValue();
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String compileError(String pattern) {
        try {
            Pattern.compile(pattern);
            return "";
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        }
    }
}
