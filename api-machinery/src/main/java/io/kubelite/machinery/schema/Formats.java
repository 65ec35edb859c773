package io.kubelite.machinery.schema;

import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string {@code format}s a CRD schema may carry and how strictly they are checked.
 *
 * <p>kube-apiserver keeps a {@code format} only where its type supports it (int32/int64 on
 * integers, float/double on numbers, a fixed list on strings) and drops the rest before
 * validating. Of the string formats, the common ones are checked here ({@code date-time} leniently:
 * any ISO-8601 date and time, with or without an offset); the others on kube's list
 * ({@code email}, {@code hostname}, {@code uri}, {@code password}, ...) are accepted as written.
 * A failure reads {@code spec.at in body must be of type date-time: "yesterday"}.
 */
final class Formats {

    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern MAC = Pattern.compile("(?i)^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$");

    private static final Map<String, Predicate<String>> CHECKED = Map.of(
            "date-time", Formats::isDateTime,
            "datetime", Formats::isDateTime,
            "date", Formats::isDate,
            "byte", Formats::isBase64,
            "uuid", s -> UUID.matcher(s).matches(),
            "ipv4", Formats::isIpv4,
            "ipv6", Formats::isIpv6,
            "cidr", Formats::isCidr,
            "mac", s -> MAC.matcher(s).matches());

    private static final Set<String> STRING_FORMATS = Set.of(
            "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4",
            "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password",
            "date", "duration", "datetime", "date-time");

    private Formats() {
    }

    /**
     * The format kube-apiserver keeps for a schema node, or empty when it drops it: {@code int32}
     * on an integer is kept, {@code int32} on a string is dropped, and a node without a single type
     * keeps whatever it has.
     */
    static String effective(String type, boolean intOrString, String format) {
        if (format.isEmpty() || intOrString || type.isEmpty()) {
            return format;
        }
        boolean kept = switch (type) {
            case "integer" -> format.equals("int32") || format.equals("int64");
            case "number" -> format.equals("float") || format.equals("double");
            case "string" -> STRING_FORMATS.contains(format);
            default -> false;
        };
        return kept ? format : "";
    }

    /** Whether kube-openapi's format registry knows the name (so the format is checked at all). */
    static boolean known(String format) {
        return STRING_FORMATS.contains(format);
    }

    /** Whether a string satisfies a known format; formats not checked here always pass. */
    static boolean valid(String format, String value) {
        Predicate<String> check = CHECKED.get(format);
        return check == null || check.test(value);
    }

    private static boolean isDateTime(String s) {
        try {
            OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIpv4(String s) {
        var m = IPV4.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (!s.contains(":") || !s.matches("^[0-9A-Fa-f:.]+$")) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = s.substring(0, slash);
        String bits = s.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            return false;
        }
        int n = Integer.parseInt(bits);
        return isIpv4(ip) ? n <= 32 : isIpv6(ip) && n <= 128;
    }
}
