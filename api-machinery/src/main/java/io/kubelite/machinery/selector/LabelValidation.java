package io.kubelite.machinery.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' label key and value rules, with its wording.
 *
 * <p>A key is an optional DNS-1123 subdomain prefix and a name: {@code app},
 * {@code app.kubernetes.io/name}. The name has at most 63 characters of
 * {@code [-A-Za-z0-9_.]} and starts and ends with an alphanumeric. A value follows the same
 * name rule but may also be empty: {@code ""}, {@code v1.2_rc-3}.
 */
final class LabelValidation {

    static final String NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String VALUE_FORMAT = "(" + NAME_FORMAT + ")?";
    private static final String SUBDOMAIN_FORMAT =
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    private static final Pattern NAME = Pattern.compile(NAME_FORMAT);
    private static final Pattern VALUE = Pattern.compile(VALUE_FORMAT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);

    private static final int NAME_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;
    private static final String NAME_MESSAGE =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private LabelValidation() {
    }

    /** The problems with a label key, each a sentence; empty when the key is valid. */
    static List<String> keyProblems(String key) {
        List<String> problems = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            name = parts[1];
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                problems.add("prefix part must be non-empty");
            } else {
                subdomainProblems(prefix).forEach(p -> problems.add("prefix part " + p));
            }
        } else {
            problems.add("a valid label key " + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return problems;
        }
        if (name.isEmpty()) {
            problems.add("name part must be non-empty");
        } else if (name.length() > NAME_MAX) {
            problems.add("name part " + maxLength(NAME_MAX));
        }
        if (!NAME.matcher(name).matches()) {
            problems.add("name part " + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc"));
        }
        return problems;
    }

    /** The problems with a label value, each a sentence; empty when the value is valid. */
    static List<String> valueProblems(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > NAME_MAX) {
            problems.add(maxLength(NAME_MAX));
        }
        if (!VALUE.matcher(value).matches()) {
            problems.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character",
                    VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return problems;
    }

    private static List<String> subdomainProblems(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > SUBDOMAIN_MAX) {
            problems.add(maxLength(SUBDOMAIN_MAX));
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            problems.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character", SUBDOMAIN_FORMAT, "example.com"));
        }
        return problems;
    }

    private static String maxLength(int max) {
        return "must be no more than " + max + " bytes";
    }

    /**
     * Kubernetes' regex message, including its double space between examples:
     * {@code ... (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '...')}.
     */
    private static String regexError(String message, String regex, String... examples) {
        StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(regex).append("')").toString();
    }
}
