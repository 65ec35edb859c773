package io.kubelite.objectstore.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.global;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code format} library: named string formats whose {@code validate} returns
 * {@code optional.none()} for a valid string and the list of errors otherwise, so a rule and its
 * message can share one call.
 *
 * <pre>
 * rule:              !format.dns1123Label().validate(self.name).hasValue()
 * messageExpression: format.dns1123Label().validate(self.name).value().join('\n')
 *
 * format.named('uuid').hasValue()                      // true
 * format.named('nope').hasValue()                      // false
 * format.uri().validate('x').value()                   // ['parse "x": invalid URI for request']
 * </pre>
 *
 * <p>Needs cel-java's optional library ({@code CelExtensions.optional()}) in the compiler and the
 * runtime for {@code hasValue}, {@code value} and {@code orValue}.
 */
final class FormatFunctions implements FunctionLibrary {

    @Override
    public List<CelFunctionDecl> declarations() {
        List<CelFunctionDecl> declarations = new ArrayList<>(List.of(
                function("validate", member("format-validate",
                        OptionalType.create(ListType.create(SimpleType.STRING)), NamedFormat.TYPE, SimpleType.STRING)),
                function("format.named", global("format-named", OptionalType.create(NamedFormat.TYPE), SimpleType.STRING))));
        for (NamedFormat format : NamedFormat.values()) {
            String name = "format." + format.key();
            declarations.add(function(name, global(name, NamedFormat.TYPE)));
        }
        return declarations;
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> bindings = new ArrayList<>(List.of(
                CelFunctionBinding.from("format-validate", NamedFormat.class, String.class, FormatFunctions::validate),
                CelFunctionBinding.from("format-named", String.class, NamedFormat::named)));
        for (NamedFormat format : NamedFormat.values()) {
            bindings.add(CelFunctionBinding.from("format." + format.key(), List.of(), args -> format));
        }
        return bindings;
    }

    private static Optional<List<String>> validate(NamedFormat format, String value) {
        List<String> errors = format.validate(value);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors);
    }
}
