package io.kubelite.machinery.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' string format rules (apimachinery {@code util/validation}), each returning the list
 * of violated rules in Kubernetes' exact words; an empty list means the value is valid.
 */
public final class NameRules {

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
    static final String PERCENT_FMT = "[0-9]+%";
    static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";

    private static final Pattern DNS1123_LABEL = anchored(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = anchored(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = anchored(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = anchored(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = anchored(LABEL_VALUE_FMT);
    private static final Pattern ENV_VAR_NAME = anchored(ENV_VAR_NAME_FMT);
    private static final Pattern CONFIG_MAP_KEY = anchored(CONFIG_MAP_KEY_FMT);
    private static final Pattern PERCENT = anchored(PERCENT_FMT);
    private static final Pattern HTTP_HEADER_NAME = anchored(HTTP_HEADER_NAME_FMT);
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("^[-a-z0-9]+$");
    private static final Pattern HAS_LETTER = Pattern.compile("[a-z]");

    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private NameRules() {
    }

    public static List<String> isDns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                        + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    public static List<String> isDns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLenError(253));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    /** A name that can be one segment of a URL path (apimachinery {@code path.IsValidPathSegmentName}). */
    public static List<String> isValidPathSegmentName(String value) {
        if (value.equals(".") || value.equals("..")) {
            return List.of("may not be '" + value + "'");
        }
        return isValidPathSegmentPrefix(value);
    }

    /** A {@code generateName} prefix of such a name: it may not contain '/' or '%'. */
    public static List<String> isValidPathSegmentPrefix(String value) {
        List<String> errs = new ArrayList<>();
        for (String illegal : List.of("/", "%")) {
            if (value.contains(illegal)) {
                errs.add("may not contain '" + illegal + "'");
            }
        }
        return errs;
    }

    public static List<String> isDns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                    + "start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /** A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
    public static List<String> isQualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String msg : isDns1123Subdomain(prefix)) {
                    errs.add("prefix part " + msg);
                }
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLenError(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> isValidLabelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLenError(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    public static List<String> isEnvVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR_NAME.matcher(value).matches()) {
            errs.add(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                    + "and must not start with a digit", ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        errs.addAll(chDirPrefix(value));
        return errs;
    }

    public static List<String> isConfigMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLenError(253));
        }
        if (!CONFIG_MAP_KEY.matcher(value).matches()) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        errs.addAll(chDirPrefix(value));
        return errs;
    }

    /** An IANA_SVC_NAME: at most 15 characters of [-a-z0-9], at least one letter, no leading, trailing or double hyphen. */
    public static List<String> isValidPortName(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) {
            errs.add(maxLenError(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(port).find()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    public static List<String> isValidPortNum(long port) {
        return isInRange(port, 1, 65535);
    }

    public static List<String> isInRange(long value, long min, long max) {
        return value >= min && value <= max ? List.of() : List.of(inclusiveRangeError(min, max));
    }

    public static List<String> isValidPercent(String value) {
        return PERCENT.matcher(value).matches() ? List.of()
                : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
                PERCENT_FMT, "1%", "93%"));
    }

    public static List<String> isHttpHeaderName(String value) {
        return HTTP_HEADER_NAME.matcher(value).matches() ? List.of()
                : List.of(regexError("a valid HTTP header must consist of alphanumeric characters or '-'",
                HTTP_HEADER_NAME_FMT, "X-Header-Name"));
    }

    public static String inclusiveRangeError(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    static String maxLenError(int length) {
        return "must be no more than " + length + " characters";
    }

    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    private static List<String> chDirPrefix(String value) {
        if (value.equals(".")) {
            return List.of("must not be '.'");
        }
        if (value.equals("..")) {
            return List.of("must not be '..'");
        }
        if (value.startsWith("..")) {
            return List.of("must not start with '..'");
        }
        return List.of();
    }

    private static Pattern anchored(String fmt) {
        return Pattern.compile("^" + fmt + "$");
    }
}
