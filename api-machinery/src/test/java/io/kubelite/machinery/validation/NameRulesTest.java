package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameRulesTest {

    static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
            + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
            + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
            + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
            + "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    static Stream<Arguments> cases() {
        Function<String, List<String>> subdomain = NameRules::isDns1123Subdomain;
        Function<String, List<String>> label = NameRules::isDns1123Label;
        Function<String, List<String>> dns1035 = NameRules::isDns1035Label;
        Function<String, List<String>> qualified = NameRules::isQualifiedName;
        Function<String, List<String>> labelValue = NameRules::isValidLabelValue;
        Function<String, List<String>> env = NameRules::isEnvVarName;
        Function<String, List<String>> portName = NameRules::isValidPortName;
        Function<String, List<String>> configKey = NameRules::isConfigMapKey;
        Function<String, List<String>> percent = NameRules::isValidPercent;
        Function<String, List<String>> pathSegment = NameRules::isValidPathSegmentName;
        return Stream.of(
                Arguments.of("a path segment may hold colons and capitals", pathSegment, "system:Basic-User", List.of()),
                Arguments.of("a path segment may not be ..", pathSegment, "..", List.of("may not be '..'")),
                Arguments.of("a path segment may not hold / or %", pathSegment, "a/b%c",
                        List.of("may not contain '/'", "may not contain '%'")),
                Arguments.of("a subdomain may contain dots", subdomain, "web.example.com", List.of()),
                Arguments.of("a subdomain rejects upper case and underscores", subdomain, "My_Pod", List.of(SUBDOMAIN_MSG)),
                Arguments.of("a subdomain is at most 253 characters", subdomain, "a".repeat(254),
                        List.of("must be no more than 253 characters")),
                Arguments.of("a label is fine with hyphens", label, "my-name", List.of()),
                Arguments.of("a label that is a subdomain is told about dots", label, "my.name", List.of("must not contain dots")),
                Arguments.of("a label rejects a trailing hyphen", label, "web-", List.of(LABEL_MSG)),
                Arguments.of("a label is at most 63 characters", label, "a".repeat(64), List.of("must be no more than 63 characters")),
                Arguments.of("a DNS-1035 label must start with a letter", dns1035, "1web", List.of(DNS1035_MSG)),
                Arguments.of("a DNS-1035 label accepts letters then digits", dns1035, "web-1", List.of()),
                Arguments.of("a qualified name may have a DNS prefix", qualified, "app.kubernetes.io/name", List.of()),
                Arguments.of("a qualified name may use capitals and underscores", qualified, "My_Key", List.of()),
                Arguments.of("a qualified name rejects an empty prefix", qualified, "/name", List.of("prefix part must be non-empty")),
                Arguments.of("a qualified name rejects an empty name", qualified, "example.com/", List.of("name part must be non-empty", NAME_PART_MSG)),
                Arguments.of("a qualified name checks its prefix as a subdomain", qualified, "Example.com/x",
                        List.of("prefix part " + SUBDOMAIN_MSG)),
                Arguments.of("a qualified name has at most one slash", qualified, "a/b/c", List.of(
                        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                                + "(e.g. 'example.com/MyName')")),
                Arguments.of("a qualified name part is at most 63 characters", qualified, "a".repeat(64),
                        List.of("name part must be no more than 63 characters")),
                Arguments.of("a label value may be empty", labelValue, "", List.of()),
                Arguments.of("a label value rejects a leading dash", labelValue, "-x", List.of(LABEL_VALUE_MSG)),
                Arguments.of("an env name may contain dots and dashes", env, "my.env-name", List.of()),
                Arguments.of("an env name must not start with a digit", env, "1ABC", List.of(
                        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not "
                                + "start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for "
                                + "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")),
                Arguments.of("an env name must not start with ..", env, "..x", List.of("must not start with '..'")),
                Arguments.of("a port name is an IANA service name", portName, "http-web", List.of()),
                Arguments.of("a port name needs a letter", portName, "8080", List.of("must contain at least one letter (a-z)")),
                Arguments.of("a port name has no double hyphen and is short", portName, "a--bcdefghijklmn", List.of(
                        "must be no more than 15 characters", "must not contain consecutive hyphens")),
                Arguments.of("a port name rejects upper case", portName, "Web", List.of(
                        "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                Arguments.of("a config key allows dots and capitals", configKey, "app.PROPERTIES", List.of()),
                Arguments.of("a config key rejects slashes", configKey, "a/b", List.of(
                        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
                                + "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")),
                Arguments.of("a percent is digits and a percent sign", percent, "25%", List.of()),
                Arguments.of("a percent rejects words", percent, "20Percent", List.of(
                        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex "
                                + "used for validation is '[0-9]+%')")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsKubernetesMessages(String name, Function<String, List<String>> rule, String value, List<String> expected) {
        assertThat(rule.apply(value)).containsExactlyElementsOf(expected);
    }
}
