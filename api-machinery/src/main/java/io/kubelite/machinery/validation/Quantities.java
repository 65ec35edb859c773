package io.kubelite.machinery.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource quantities as Kubernetes parses and prints them ({@code resource.Quantity}).
 * <p>A quantity is a signed decimal number followed by an optional suffix: a decimal SI suffix
 * ({@code n u m k M G T P E}), a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}) or a decimal exponent
 * ({@code e3}, {@code E-2}). Values are rounded up to nano precision. The canonical form keeps
 * the suffix family and picks the largest suffix that keeps the number an integer:
 * {@code 0.5} prints {@code 500m}, {@code 1.5Gi} prints {@code 1536Mi}, {@code 2048Ki} prints {@code 2Mi}.
 */
public final class Quantities {

    /** The decoding error Kubernetes reports for a string that is not a quantity. */
    public static final String FORMAT_ERROR =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    /** A parsed quantity: its exact value and the suffix family it was written in. */
    public record Parsed(BigDecimal value, Format format) {
    }

    private static final Pattern SHAPE = Pattern.compile("^([+-]?)([0-9]*)(?:\\.([0-9]*))?(.*)$");
    private static final Pattern EXPONENT = Pattern.compile("^[eE]([+-]?[0-9]+)$");
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of(
            "Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
    private static final String[] DECIMAL_BY_EXPONENT = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_BY_POWER = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Quantities() {
    }

    public static Optional<Parsed> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return Optional.empty();
        }
        String suffix = m.group(4);
        BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
        BigDecimal value;
        Format format;
        Matcher exp = EXPONENT.matcher(suffix);
        if (DECIMAL_SUFFIXES.containsKey(suffix)) {
            value = number.scaleByPowerOfTen(DECIMAL_SUFFIXES.get(suffix));
            format = Format.DECIMAL_SI;
        } else if (BINARY_SUFFIXES.containsKey(suffix)) {
            value = number.multiply(new BigDecimal(BigInteger.TWO.pow(BINARY_SUFFIXES.get(suffix))));
            format = Format.BINARY_SI;
        } else if (exp.matches()) {
            try {
                value = number.scaleByPowerOfTen(Integer.parseInt(exp.group(1)));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
            format = Format.DECIMAL_EXPONENT;
        } else {
            return Optional.empty();
        }
        if (value.scale() > 9) {
            value = value.setScale(9, RoundingMode.UP);
        }
        if (value.compareTo(MAX) > 0) {
            value = MAX;
        }
        if (format == Format.BINARY_SI && value.signum() > 0 && value.compareTo(BigDecimal.ONE) < 0) {
            format = Format.DECIMAL_SI;
        }
        if (m.group(1).equals("-")) {
            value = value.negate();
        }
        return Optional.of(new Parsed(value, format));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** The exact value; throws {@link IllegalArgumentException} with {@link #FORMAT_ERROR} when not a quantity. */
    public static BigDecimal value(String text) {
        return parsed(text).value();
    }

    /** The value in thousandths, rounded up like Kubernetes' {@code MilliValue()}: {@code 250m} is 250, {@code 1} is 1000. */
    public static long milliValue(String text) {
        return value(text).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Kubernetes' canonical rendering, as printed in errors and stored objects: {@code 1000m} becomes {@code 1}. */
    public static String canonical(String text) {
        Parsed p = parsed(text);
        BigDecimal value = p.value();
        if (value.signum() == 0) {
            return "0";
        }
        Format format = p.format();
        if (format == Format.BINARY_SI) {
            boolean small = value.abs().compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean integral = value.stripTrailingZeros().scale() <= 0;
            if (small || !integral) {
                format = Format.DECIMAL_SI;
            } else {
                return binary(value.toBigIntegerExact());
            }
        }
        return decimal(value, format);
    }

    private static String binary(BigInteger amount) {
        int power = 0;
        BigInteger k = BigInteger.valueOf(1024);
        while (power < BINARY_BY_POWER.length - 1 && amount.mod(k).signum() == 0) {
            amount = amount.divide(k);
            power++;
        }
        return amount + BINARY_BY_POWER[power];
    }

    private static String decimal(BigDecimal value, Format format) {
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        int exponent = -stripped.scale();
        while (exponent % 3 != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        if (format == Format.DECIMAL_EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        int slot = exponent / 3 + 3;
        if (slot >= DECIMAL_BY_EXPONENT.length) {
            return mantissa + "e" + exponent;
        }
        return mantissa + DECIMAL_BY_EXPONENT[slot];
    }

    private static Parsed parsed(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(FORMAT_ERROR));
    }
}
