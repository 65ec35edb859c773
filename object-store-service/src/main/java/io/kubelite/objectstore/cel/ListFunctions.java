package io.kubelite.objectstore.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;
import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.lists} library: {@code isSorted}, {@code sum}, {@code min}, {@code max},
 * {@code indexOf} and {@code lastIndexOf} on lists.
 *
 * <pre>
 * [1, 2, 3].isSorted()            // true
 * [1.0, 3.0].sum()                // 4.0; [].sum() is 0
 * ['b', 'a'].min()                // 'a'; [].min() fails: "min called on empty list"
 * [1, 2, 2, 3].lastIndexOf(2)     // 2; -1 when absent
 * </pre>
 *
 * <p>kube declares one overload per element type, so {@code [{}].max()} does not compile there.
 * Here each function is declared once over {@code list(T)} (see {@link FunctionLibrary} for why),
 * so such a call compiles and fails when evaluated with {@code no such overload}. Elements compare
 * as CEL orders them: numbers of any kind by value, strings by code point, {@code false < true},
 * bytes, durations and timestamps; a tie keeps the first element.
 */
final class ListFunctions implements FunctionLibrary {

    private static final TypeParamType T = TypeParamType.create("T");
    private static final ListType LIST_OF_T = ListType.create(T);
    private static final RuntimeEquality EQUALITY = RuntimeEquality.create(RuntimeHelpers.create(),
            CelOptions.current().build());

    @Override
    public List<CelFunctionDecl> declarations() {
        return List.of(
                function("isSorted", member("list_is_sorted_bool", SimpleType.BOOL, LIST_OF_T)),
                function("sum", member("list_sum", T, LIST_OF_T)),
                function("min", member("list_min", T, LIST_OF_T)),
                function("max", member("list_max", T, LIST_OF_T)),
                function("indexOf", member("list_a_index_of_int", SimpleType.INT, LIST_OF_T, T)),
                function("lastIndexOf", member("list_a_last_index_of_int", SimpleType.INT, LIST_OF_T, T)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("list_is_sorted_bool", List.class, ListFunctions::isSorted),
                CelFunctionBinding.from("list_sum", List.class, ListFunctions::sum),
                CelFunctionBinding.from("list_min", List.class, list -> extreme(list, "min", 1)),
                CelFunctionBinding.from("list_max", List.class, list -> extreme(list, "max", -1)),
                CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, ListFunctions::indexOf),
                CelFunctionBinding.from("list_a_last_index_of_int", List.class, Object.class, ListFunctions::lastIndexOf));
    }

    private static boolean isSorted(List<?> list) throws CelEvaluationException {
        for (int i = 1; i < list.size(); i++) {
            if (compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The sum of ints, uints, doubles or durations; an empty list sums to the int 0, as {@code [].sum()} in kube. */
    private static Object sum(List<?> list) throws CelEvaluationException {
        if (list.isEmpty()) {
            return 0L;
        }
        Object total = list.get(0);
        if (!(total instanceof Long || total instanceof UnsignedLong || total instanceof Double
                || total instanceof Duration)) {
            throw error("no such overload");
        }
        for (Object next : list.subList(1, list.size())) {
            total = add(total, next);
        }
        return total;
    }

    private static Object add(Object a, Object b) throws CelEvaluationException {
        try {
            if (a instanceof Long x && b instanceof Long y) {
                return Math.addExact(x, y);
            }
            if (a instanceof UnsignedLong x && b instanceof UnsignedLong y) {
                UnsignedLong total = x.plus(y);
                if (total.compareTo(x) < 0) {
                    throw error("unsigned integer overflow");
                }
                return total;
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x + y;
            }
            if (a instanceof Duration x && b instanceof Duration y) {
                return x.plus(y);
            }
        } catch (ArithmeticException e) {
            throw error("integer overflow");
        }
        throw error("no such overload");
    }

    /**
     * The element every other one compares to as {@code replaceWhen} says: 1 keeps the smallest
     * (an element replaces the current one when the current one compares greater), -1 the largest.
     */
    private static Object extreme(List<?> list, String name, int replaceWhen) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw error(name + " called on empty list");
        }
        Object result = list.get(0);
        for (Object next : list.subList(1, list.size())) {
            if (Integer.signum(compare(result, next)) == replaceWhen) {
                result = next;
            }
        }
        return result;
    }

    private static long indexOf(List<?> list, Object item) {
        for (int i = 0; i < list.size(); i++) {
            if (EQUALITY.objectEquals(list.get(i), item)) {
                return i;
            }
        }
        return -1;
    }

    private static long lastIndexOf(List<?> list, Object item) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (EQUALITY.objectEquals(list.get(i), item)) {
                return i;
            }
        }
        return -1;
    }

    /** CEL's ordering: numbers of different kinds compare by value; other values only with their own kind. */
    static int compare(Object a, Object b) throws CelEvaluationException {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof CelByteString x && b instanceof CelByteString y) {
            return CelByteString.unsignedLexicographicalComparator().compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        throw error("no such overload");
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof UnsignedLong || value instanceof Double;
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof UnsignedLong x && b instanceof UnsignedLong y) {
            return x.compareTo(y);
        }
        if (a instanceof Long x && b instanceof UnsignedLong y) {
            return x < 0 ? -1 : Long.compareUnsigned(x, y.longValue());
        }
        if (a instanceof UnsignedLong x && b instanceof Long y) {
            return y < 0 ? 1 : Long.compareUnsigned(x.longValue(), y);
        }
        return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }

    /** Go compares strings byte by byte in UTF-8, which is code point order, not UTF-16 unit order. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
