package io.kubelite.objectstore.cel;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.ArrayList;
import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;
import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.regex} library: {@code find} and {@code findAll} with Go's RE2 syntax,
 * through RE2/J (cel-java's own regular expression engine), whose syntax errors read as Go's.
 *
 * <pre>
 * 'abc 123'.find('[0-9]+')            // '123'; '' when nothing matches
 * '123 abc 456'.findAll('[0-9]+')     // ['123', '456']
 * '123 abc 456'.findAll('[0-9]+', 1)  // ['123']; a negative limit means all, 0 none
 * 'abc'.find('(')                     // fails: "Illegal regex: error parsing regexp: missing closing ): `(`"
 * </pre>
 *
 * <p>Like Go's {@code FindAllString}, an empty match right where the previous match ended is
 * skipped: {@code '123 abc'.findAll('[0-9]*')} is {@code ['123', '', '', '', '']}, not six items.
 */
final class RegexFunctions implements FunctionLibrary {

    @Override
    public List<CelFunctionDecl> declarations() {
        ListType strings = ListType.create(SimpleType.STRING);
        return List.of(
                function("find", member("string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
                function("findAll",
                        member("string_find_all_string", strings, SimpleType.STRING, SimpleType.STRING),
                        member("string_find_all_string_int", strings, SimpleType.STRING, SimpleType.STRING, SimpleType.INT)));
    }

    @Override
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_find_string", String.class, String.class, RegexFunctions::find),
                CelFunctionBinding.from("string_find_all_string", String.class, String.class,
                        (text, regex) -> findAll(text, regex, -1)),
                CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class, Long.class),
                        args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    }

    private static String find(String text, String regex) throws CelEvaluationException {
        Matcher matcher = compile(regex).matcher(text);
        return matcher.find() ? matcher.group() : "";
    }

    private static List<String> findAll(String text, String regex, long limit) throws CelEvaluationException {
        Matcher matcher = compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        int previousEnd = -1;
        while ((limit < 0 || found.size() < limit) && matcher.find()) {
            boolean emptyRightAfterPrevious = matcher.start() == matcher.end() && matcher.start() == previousEnd;
            previousEnd = matcher.end();
            if (!emptyRightAfterPrevious) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    private static Pattern compile(String regex) throws CelEvaluationException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error("Illegal regex: " + e.getMessage());
        }
    }
}
