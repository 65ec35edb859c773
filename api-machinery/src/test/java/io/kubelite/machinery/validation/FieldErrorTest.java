package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldErrorTest {

    private static final FieldPath PATH = FieldPath.of("spec").child("containers").index(0).child("image");

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("required value without a value", FieldError.required(PATH, ""), "Required value"),
                Arguments.of("required value with a detail", FieldError.required(PATH, "name or generateName is required"),
                        "Required value: name or generateName is required"),
                Arguments.of("invalid string is quoted", FieldError.invalid(PATH, "My_Pod", "bad"), "Invalid value: \"My_Pod\": bad"),
                Arguments.of("invalid number is bare", FieldError.invalid(PATH, -1L, "must be greater than or equal to 0"),
                        "Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("invalid label map prints like Go's %#v with sorted keys",
                        FieldError.invalid(PATH, Map.of("tier", "web", "app", "x"), "`selector` does not match template `labels`"),
                        "Invalid value: map[string]string{\"app\":\"x\", \"tier\":\"web\"}: `selector` does not match template `labels`"),
                Arguments.of("invalid string list prints like a Go slice", FieldError.invalid(PATH, List.of("a", "b"), "x"),
                        "Invalid value: []string{\"a\", \"b\"}: x"),
                Arguments.of("a literal prints verbatim", FieldError.invalid(PATH, new GoValues.Literal("25%"), "x"),
                        "Invalid value: 25%: x"),
                Arguments.of("a null value prints null", FieldError.invalid(PATH, null, "x"), "Invalid value: null: x"),
                Arguments.of("quotes and newlines are escaped", FieldError.invalid(PATH, "a\"b\nc", "x"),
                        "Invalid value: \"a\\\"b\\nc\": x"),
                Arguments.of("unsupported value lists the supported ones quoted",
                        FieldError.notSupported(PATH, "Sometimes", List.of("Always", "Never", "OnFailure")),
                        "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\""),
                Arguments.of("duplicate value", FieldError.duplicate(PATH, "web"), "Duplicate value: \"web\""),
                Arguments.of("forbidden hides the value", FieldError.forbidden(PATH, "may not be set"), "Forbidden: may not be set"),
                Arguments.of("too long states the byte limit", FieldError.tooLong(PATH, 262144), "Too long: must have at most 262144 bytes"),
                Arguments.of("too many states count and limit", FieldError.tooMany(PATH, 5, 3), "Too many: 5: must have at most 3 items"),
                Arguments.of("not found", FieldError.notFound(PATH, "dtavol"), "Not found: \"dtavol\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void formatsMessagesLikeKubernetes(String name, FieldError error, String message) {
        assertThat(error.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0} has reason {1}")
    @MethodSource("reasons")
    void exposesKubernetesCauseReasons(FieldError.Type type, String reason) {
        assertThat(type.reason()).isEqualTo(reason);
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(FieldError.Type.REQUIRED, "FieldValueRequired"),
                Arguments.of(FieldError.Type.INVALID, "FieldValueInvalid"),
                Arguments.of(FieldError.Type.NOT_SUPPORTED, "FieldValueNotSupported"),
                Arguments.of(FieldError.Type.DUPLICATE, "FieldValueDuplicate"),
                Arguments.of(FieldError.Type.FORBIDDEN, "FieldValueForbidden"),
                Arguments.of(FieldError.Type.TOO_LONG, "FieldValueTooLong"),
                Arguments.of(FieldError.Type.TOO_MANY, "FieldValueTooMany"),
                Arguments.of(FieldError.Type.NOT_FOUND, "FieldValueNotFound"));
    }

    @Test
    void printsFieldThenMessageLikeGoError() {
        assertThat(FieldError.required(PATH, "")).hasToString("spec.containers[0].image: Required value");
        assertThat(FieldError.required(PATH, "").reason()).isEqualTo("FieldValueRequired");
    }

    @Test
    void rendersPathsWithIndexesAndKeys() {
        assertThat(FieldPath.of("spec", "containers").index(0).child("resources", "requests").key("cpu"))
                .hasToString("spec.containers[0].resources.requests[cpu]");
    }
}
