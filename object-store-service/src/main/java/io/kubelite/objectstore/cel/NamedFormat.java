package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import io.kubelite.machinery.validation.NameRules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string formats kube's {@code format} library names: the CEL value
 * {@code kubernetes.NamedFormat}. Each one lists what is wrong with a string in kube's words, and
 * nothing for a valid one:
 *
 * <pre>
 * DNS1123_LABEL.validate("my-name")   // []
 * DNS1123_LABEL.validate("My_Name")   // ["a lowercase RFC 1123 label must consist of lower case alphanumeric
 *                                     //   characters or '-', and must start and end with an alphanumeric character
 *                                     //   (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
 * </pre>
 *
 * <p>The name formats are apimachinery's (through {@link NameRules}); their {@code Prefix} forms
 * check a {@code generateName} prefix, whose trailing dash kube masks the way its
 * {@code maskTrailingDash} does: the last two characters become {@code a} ({@code my-name-}
 * is checked as {@code my-nama}). {@code uri} is Go's {@code ParseRequestURI}; {@code uuid},
 * {@code byte}, {@code date} and {@code datetime} are kube-openapi's {@code strfmt} checks.
 */
enum NamedFormat {
    DNS1123_LABEL("dns1123Label", NameRules::isDns1123Label),
    DNS1123_SUBDOMAIN("dns1123Subdomain", NameRules::isDns1123Subdomain),
    DNS1035_LABEL("dns1035Label", NameRules::isDns1035Label),
    QUALIFIED_NAME("qualifiedName", NameRules::isQualifiedName),
    DNS1123_LABEL_PREFIX("dns1123LabelPrefix", s -> NameRules.isDns1123Label(maskTrailingDash(s))),
    DNS1123_SUBDOMAIN_PREFIX("dns1123SubdomainPrefix", s -> NameRules.isDns1123Subdomain(maskTrailingDash(s))),
    DNS1035_LABEL_PREFIX("dns1035LabelPrefix", s -> NameRules.isDns1035Label(maskTrailingDash(s))),
    LABEL_VALUE("labelValue", NameRules::isValidLabelValue),
    URI("uri", NamedFormat::uriErrors),
    UUID("uuid", s -> Patterns.UUID.matcher(s).matches() ? List.of() : List.of("does not match the UUID format")),
    BYTE("byte", s -> Patterns.BASE64.matcher(s).matches() ? List.of() : List.of("invalid base64")),
    DATE("date", s -> isDate(s) ? List.of() : List.of("invalid date")),
    DATETIME("datetime", s -> isDateTime(s) ? List.of() : List.of("invalid datetime"));

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.NamedFormat");

    private final String key;
    private final Function<String, List<String>> rule;

    NamedFormat(String key, Function<String, List<String>> rule) {
        this.key = key;
        this.rule = rule;
    }

    /** The name CEL calls it by: {@code format.dns1123Label()}, {@code format.named('dns1123Label')}. */
    String key() {
        return key;
    }

    static Optional<NamedFormat> named(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    List<String> validate(String value) {
        return rule.apply(value);
    }

    /** kube's {@code maskTrailingDash}, quirk included: it drops two characters and appends one. */
    private static String maskTrailingDash(String name) {
        return name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 2) + "a" : name;
    }

    private static List<String> uriErrors(String value) {
        try {
            Url.parseRequestUri(value);
            return List.of();
        } catch (Url.InvalidUrl e) {
            return List.of(e.getMessage());
        }
    }

    /** Go's {@code time.Parse("2006-01-02", s)}: four-digit year, two-digit month and day, a day the month has. */
    private static boolean isDate(String s) {
        Matcher m = Patterns.DATE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * strfmt's check: a date, a {@code T} (either case), then {@code hh:mm:ss}, an optional
     * fraction and {@code Z} or an offset; hours up to 23, minutes and seconds up to 59.
     */
    private static boolean isDateTime(String s) {
        if (s.length() < 4) {
            return false;
        }
        String[] parts = s.toLowerCase(Locale.ROOT).split("t", -1);
        if (parts.length < 2 || !isDate(parts[0])) {
            return false;
        }
        Matcher m = Patterns.TIME.matcher(parts[1]);
        return m.matches() && m.group(1).compareTo("23") <= 0 && m.group(2).compareTo("59") <= 0
                && m.group(3).compareTo("59") <= 0;
    }

    /** Held apart so the enum constants' rules can use them once the class is initialised. */
    private static final class Patterns {
        static final Pattern UUID =
                Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
        static final Pattern BASE64 = Pattern.compile(
                "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");
        static final Pattern DATE = Pattern.compile("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
        static final Pattern TIME = Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");
    }
}
