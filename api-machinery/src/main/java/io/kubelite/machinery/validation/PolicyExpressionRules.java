package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a ValidatingAdmissionPolicy that carry CEL: match conditions, variables,
 * validations and audit annotations. These rules judge the names, keys, messages and whether an
 * expression is there at all; whether it compiles is decided where CEL is compiled.
 *
 * <p>"Empty" means empty after trimming white space as Go's {@code strings.TrimSpace} does, so an
 * expression of {@code "  \n"} is missing.
 */
final class PolicyExpressionRules {

    static final int MAX_MATCH_CONDITIONS = 64;
    /** A value expression is capped at 5 KiB, below the 10 KiB an audit annotation value may hold. */
    static final int MAX_VALUE_EXPRESSION_BYTES = 5 * 1024;
    private static final List<String> REASONS = List.of("Forbidden", "Invalid", "RequestEntityTooLarge");
    private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
    /** CEL's reserved words, which match the identifier pattern but may not name a variable. */
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r]");

    private PolicyExpressionRules() {
    }

    /** At most 64 conditions, each with an expression and a qualified name not used before. */
    static List<FieldError> matchConditions(List<MatchCondition> conditions, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (conditions.size() > MAX_MATCH_CONDITIONS) {
            errs.add(FieldError.tooMany(path, conditions.size(), MAX_MATCH_CONDITIONS));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            MatchCondition condition = conditions.get(i) == null ? new MatchCondition() : conditions.get(i);
            FieldPath at = path.index(i);
            if (trimSpace(condition.getExpression()).isEmpty()) {
                errs.add(FieldError.required(at.child("expression"), ""));
            }
            String name = MetaValidator.nullToEmpty(condition.getName());
            if (name.isEmpty()) {
                errs.add(FieldError.required(at.child("name"), ""));
            } else {
                NameRules.isQualifiedName(name).forEach(msg -> errs.add(FieldError.invalid(at.child("name"), name, msg)));
                if (!names.add(name)) {
                    errs.add(FieldError.duplicate(at.child("name"), name));
                }
            }
        }
        return errs;
    }

    /** A variable is named by a CEL identifier ({@code replicas}, {@code _max2}; not {@code max-2}, not {@code in}). */
    static List<FieldError> variable(Variable variable, FieldPath path) {
        Variable v = variable == null ? new Variable() : variable;
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidator.nullToEmpty(v.getName());
        if (trimSpace(name).isEmpty()) {
            errs.add(FieldError.required(path.child("name"), "name is not specified"));
        } else if (!isCelIdentifier(name)) {
            errs.add(FieldError.invalid(path.child("name"), name, "name is not a valid CEL identifier"));
        }
        if (trimSpace(v.getExpression()).isEmpty()) {
            errs.add(FieldError.required(path.child("expression"), "expression is not specified"));
        }
        return errs;
    }

    /**
     * An expression is required; a message or message expression, when given, may not be blank,
     * and the message must fit on one line (line breaks between the outer white space count,
     * {@code "denied\n"} does not); the reason is one kube can answer with.
     */
    static List<FieldError> validation(Validation validation, FieldPath path) {
        Validation v = validation == null ? new Validation() : validation;
        List<FieldError> errs = new ArrayList<>();
        if (trimSpace(v.getExpression()).isEmpty()) {
            errs.add(FieldError.required(path.child("expression"), "expression is not specified"));
        }
        String messageExpression = MetaValidator.nullToEmpty(v.getMessageExpression());
        if (!messageExpression.isEmpty() && trimSpace(messageExpression).isEmpty()) {
            errs.add(FieldError.invalid(path.child("messageExpression"), messageExpression, "must be non-empty if specified"));
        }
        String message = MetaValidator.nullToEmpty(v.getMessage());
        String trimmed = trimSpace(message);
        if (!message.isEmpty() && trimmed.isEmpty()) {
            errs.add(FieldError.invalid(path.child("message"), message, "message must be non-empty if specified"));
        } else if (LINE_BREAK.matcher(trimmed).find()) {
            errs.add(FieldError.invalid(path.child("message"), message, "message must not contain line breaks"));
        }
        String reason = v.getReason();
        if (reason != null && !REASONS.contains(reason)) {
            errs.add(FieldError.notSupported(path.child("reason"), reason, REASONS));
        }
        return errs;
    }

    /**
     * The key becomes the audit annotation {@code <policy name>/<key>}, which must be a qualified
     * name: for policy {@code demo.example.com}, key {@code high-replicas} gives
     * {@code demo.example.com/high-replicas}, while key {@code too many} is refused with the
     * whole joined name as the bad value. The value expression is required and at most 5 KiB.
     */
    static List<FieldError> auditAnnotation(String policyName, AuditAnnotation annotation, FieldPath path) {
        AuditAnnotation a = annotation == null ? new AuditAnnotation() : annotation;
        List<FieldError> errs = new ArrayList<>();
        String key = MetaValidator.nullToEmpty(a.getKey());
        if (policyName.isEmpty()) {
            errs.add(FieldError.invalid(path.child("key"), key, "requires metadata.name be non-empty"));
        } else {
            String qualified = policyName + "/" + key;
            NameRules.isQualifiedName(qualified).forEach(msg -> errs.add(FieldError.invalid(path.child("key"), qualified, msg)));
        }
        String valueExpression = trimSpace(a.getValueExpression());
        if (valueExpression.isEmpty()) {
            errs.add(FieldError.required(path.child("valueExpression"), "valueExpression is not specified"));
        } else if (Checks.utf8Length(valueExpression) > MAX_VALUE_EXPRESSION_BYTES) {
            errs.add(FieldError.required(path.child("valueExpression"),
                    "must not exceed " + MAX_VALUE_EXPRESSION_BYTES + " bytes in length"));
        }
        return errs;
    }

    static boolean isCelIdentifier(String name) {
        return CEL_IDENTIFIER.matcher(name).matches() && !CEL_RESERVED.contains(name);
    }

    /** Go's {@code strings.TrimSpace}: Unicode white space, which includes NEL and no-break spaces. */
    static String trimSpace(String s) {
        if (s == null) {
            return "";
        }
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || Character.isSpaceChar(c);
    }
}
