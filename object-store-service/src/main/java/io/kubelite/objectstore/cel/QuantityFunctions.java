package io.kubelite.objectstore.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.global;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.quantity} library: parsing, comparing and adding resource quantities.
 *
 * <pre>
 * quantity('50k').add(20) == quantity('50020')        // true
 * quantity('50Mi').compareTo(quantity('50M'))         // 1
 * quantity('150Mi').isGreaterThan(quantity('100Mi'))  // true
 * quantity('1.5k').asInteger()                        // 1500; quantity('1000m').asInteger() fails
 * quantity('200K')   // fails: unable to parse quantity's suffix
 * </pre>
 *
 * <p>kube declares {@code sign} as a global function, so there only {@code sign(q)} compiles;
 * both {@code sign(q)} and {@code q.sign()} are declared here.
 */
final class QuantityFunctions implements FunctionLibrary {

    @Override
    public List<CelFunctionDecl> declarations() {
        return List.of(
                function("quantity", global("string_to_quantity", Quantity.TYPE, SimpleType.STRING)),
                function("isQuantity", global("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
                function("sign",
                        global("quantity_sign", SimpleType.INT, Quantity.TYPE),
                        member("quantity_sign_member", SimpleType.INT, Quantity.TYPE)),
                function("isGreaterThan", member("quantity_is_greater_than", SimpleType.BOOL, Quantity.TYPE, Quantity.TYPE)),
                function("isLessThan", member("quantity_is_less_than", SimpleType.BOOL, Quantity.TYPE, Quantity.TYPE)),
                function("compareTo", member("quantity_compare_to", SimpleType.INT, Quantity.TYPE, Quantity.TYPE)),
                function("asApproximateFloat", member("quantity_get_float", SimpleType.DOUBLE, Quantity.TYPE)),
                function("asInteger", member("quantity_get_int", SimpleType.INT, Quantity.TYPE)),
                function("isInteger", member("quantity_is_integer", SimpleType.BOOL, Quantity.TYPE)),
                function("add",
                        member("quantity_add", Quantity.TYPE, Quantity.TYPE, Quantity.TYPE),
                        member("quantity_add_int", Quantity.TYPE, Quantity.TYPE, SimpleType.INT)),
                function("sub",
                        member("quantity_sub", Quantity.TYPE, Quantity.TYPE, Quantity.TYPE),
                        member("quantity_sub_int", Quantity.TYPE, Quantity.TYPE, SimpleType.INT)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_to_quantity", String.class, Quantity::parse),
                CelFunctionBinding.from("is_quantity_string", String.class, QuantityFunctions::isQuantity),
                CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.sign()),
                CelFunctionBinding.from("quantity_sign_member", Quantity.class, q -> (long) q.sign()),
                CelFunctionBinding.from("quantity_is_greater_than", Quantity.class, Quantity.class,
                        (q, other) -> q.compareTo(other) > 0),
                CelFunctionBinding.from("quantity_is_less_than", Quantity.class, Quantity.class,
                        (q, other) -> q.compareTo(other) < 0),
                CelFunctionBinding.from("quantity_compare_to", Quantity.class, Quantity.class,
                        (q, other) -> (long) Integer.signum(q.compareTo(other))),
                CelFunctionBinding.from("quantity_get_float", Quantity.class, Quantity::asApproximateFloat),
                CelFunctionBinding.from("quantity_get_int", Quantity.class, Quantity::asInteger),
                CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger),
                CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
                CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class,
                        (q, n) -> q.add(Quantity.of(n))),
                CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, Quantity::subtract),
                CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class,
                        (q, n) -> q.subtract(Quantity.of(n))));
    }

    private static boolean isQuantity(String text) {
        try {
            Quantity.parse(text);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }
}
