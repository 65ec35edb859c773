package io.kubelite.objectstore.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;

/**
 * One of Kubernetes' CEL libraries split in its two halves: the declarations the type checker
 * resolves calls against, and the bindings the runtime dispatches to by overload id.
 *
 * <p>Every overload id declared must be bound, and the runtime picks a binding by the Java
 * classes of the arguments: two overloads of one function whose arguments are the same Java class
 * ({@code list(int)} and {@code list(string)} are both a {@link List}) cannot both be bound, or a
 * call on a {@code dyn} value is ambiguous. Such functions are declared once, generically.
 */
interface FunctionLibrary {

    List<CelFunctionDecl> declarations();

    List<CelFunctionBinding> bindings();

    /** Type names usable as values ({@code type(ip('::1')) == net.IP}). */
    default List<CelVarDecl> identifiers() {
        return List.of();
    }

    static CelFunctionDecl function(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    /** {@code receiver.name(args)}: the receiver is the first parameter. */
    static CelOverloadDecl member(String overloadId, CelType result, CelType... parameters) {
        return CelOverloadDecl.newMemberOverload(overloadId, result, parameters);
    }

    static CelOverloadDecl global(String overloadId, CelType result, CelType... parameters) {
        return CelOverloadDecl.newGlobalOverload(overloadId, result, parameters);
    }

    /**
     * The error a function reports. cel-java passes a {@link CelEvaluationException} thrown by a
     * binding through unchanged, so the message the caller reads is exactly kube's; any other
     * exception would be wrapped as {@code Function 'string_to_ip' failed with arg(s) ...}.
     */
    static CelEvaluationException error(String message) {
        return new CelEvaluationException(message);
    }
}
