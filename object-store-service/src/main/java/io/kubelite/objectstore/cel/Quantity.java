package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import dev.cel.runtime.CelEvaluationException;
import io.kubelite.machinery.validation.Quantities;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;

/**
 * A resource quantity as kube's {@code resource.Quantity} holds it: the CEL value
 * {@code kubernetes.Quantity}. Quantities are equal when their values are ({@code 200M} equals
 * {@code 0.2G}).
 *
 * <p>kube keeps a quantity either as a small integer times a power of ten ({@code 1.5k} is 15
 * times 10^2, {@code 500m} is 500 times 10^-3) or, when that does not fit in an int64 or the
 * number has a fraction that binary suffixes would spread ({@code 1.5Gi}), as an arbitrary
 * precision decimal. Only the first form converts to an integer, and only with a scale of zero
 * or more: {@code 1.5k} is the integer 1500, but {@code 1000m} and {@code 1.5Gi}, whole numbers
 * though they are, are not integers to kube. That form is tracked here as {@link #amount} so that
 * {@code isInteger} and {@code asInteger} answer as kube does.
 *
 * <p>Parsing follows kube's scanner: a sign, digits with an optional fraction, and a suffix
 * ({@code n u m k M G T P E}, {@code Ki ... Ei}, or an exponent {@code e3}). Values round up to
 * nano precision. A suffix-shaped but unknown suffix ({@code 10Mm}, {@code 200K}) is
 * {@value #SUFFIX_ERROR}; anything else malformed is {@link Quantities#FORMAT_ERROR}. As in kube, a
 * suffix without digits reads as zero ({@code Mi} is 0).
 */
final class Quantity {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.Quantity");
    static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

    private static final Pattern SHAPE =
            Pattern.compile("^([+-]?)0*([0-9]*)(?:\\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$");
    private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Sums stay exact below a thousand significant digits, without spelling out {@code 1e999999999 + 1}. */
    private static final MathContext ARITHMETIC = new MathContext(1000, RoundingMode.HALF_EVEN);

    private final BigDecimal value;
    private final Int64Amount amount;

    /** kube's int64 form: {@code unscaled} times 10^{@code scale}. */
    private record Int64Amount(long unscaled, int scale) {

        BigDecimal value() {
            return BigDecimal.valueOf(unscaled, -scale);
        }

        /** The sum at the smaller of the two scales, or null when it overflows an int64. */
        Int64Amount plus(Int64Amount other) {
            if (other.unscaled == 0) {
                return this;
            }
            if (unscaled == 0) {
                return other;
            }
            try {
                if (scale == other.scale) {
                    return new Int64Amount(Math.addExact(unscaled, other.unscaled), scale);
                }
                if (scale > other.scale) {
                    return new Int64Amount(Math.addExact(scaleUp(unscaled, scale - other.scale), other.unscaled), other.scale);
                }
                return new Int64Amount(Math.addExact(unscaled, scaleUp(other.unscaled, other.scale - scale)), scale);
            } catch (ArithmeticException e) {
                return null;
            }
        }

        Int64Amount negated() {
            return unscaled == Long.MIN_VALUE ? null : new Int64Amount(-unscaled, scale);
        }

        OptionalLong asLong() {
            if (scale < 0) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(scaleUp(unscaled, scale));
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }

        private static long scaleUp(long n, int times) {
            for (int i = 0; i < times && n != 0; i++) {
                n = Math.multiplyExact(n, 10);
            }
            return n;
        }
    }

    private Quantity(BigDecimal value, Int64Amount amount) {
        this.value = value;
        this.amount = amount;
    }

    private Quantity(Int64Amount amount) {
        this(amount.value(), amount);
    }

    /** The integer {@code n}, as kube turns the int operand of {@code add} and {@code sub} into a quantity. */
    static Quantity of(long n) {
        return new Quantity(new Int64Amount(n, 0));
    }

    static Quantity parse(String text) throws CelEvaluationException {
        Matcher m = SHAPE.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw error(Quantities.FORMAT_ERROR);
        }
        boolean negative = m.group(1).equals("-");
        String whole = m.group(2).isEmpty() ? "0" : m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        Suffix suffix = Suffix.interpret(m.group(4));
        Int64Amount small = int64Form(whole, fraction, suffix);
        if (small != null) {
            return new Quantity(negative ? small.negated() : small);
        }
        BigDecimal number = new BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction));
        BigDecimal magnitude;
        try {
            magnitude = roundUpToNano(suffix.binary()
                    ? number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(suffix.exponent())))
                    : number.scaleByPowerOfTen(suffix.exponent()));
        } catch (ArithmeticException e) {
            throw error("unable to parse numeric part of quantity");
        }
        if (suffix.binary() && magnitude.compareTo(MAX_INT64) > 0) {
            magnitude = MAX_INT64;
        }
        return new Quantity(negative ? magnitude.negate() : magnitude, null);
    }

    /**
     * kube's fast path: few enough digits that the number, its fraction shifted in, times the
     * suffix fits an int64 at a scale of at least -9. {@code 1.5Gi} never takes it.
     */
    private static Int64Amount int64Form(String whole, String fraction, Suffix suffix) {
        int scale = suffix.binary() ? 0 : suffix.exponent();
        long multiplier = 1;
        int precision;
        if (!suffix.binary()) {
            precision = 18 - whole.length() - fraction.length();
        } else if (suffix.exponent() >= 0 && fraction.isEmpty()) {
            multiplier = 1L << suffix.exponent();
            precision = 15 - whole.length() - (int) ((float) suffix.exponent() * 3 / 10) - 1;
        } else {
            precision = -1;
        }
        scale -= fraction.length();
        if (precision < 0 || scale < -9) {
            return null;
        }
        try {
            return new Int64Amount(Math.multiplyExact(Long.parseLong(whole + fraction), multiplier), scale);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Any non-zero value keeps at least a nano: {@code 0.1n} is {@code 1n}. */
    private static BigDecimal roundUpToNano(BigDecimal magnitude) {
        if (magnitude.signum() == 0 || magnitude.scale() <= 9) {
            return magnitude;
        }
        if (magnitude.precision() - magnitude.scale() <= -9) {
            return BigDecimal.valueOf(1, 9);
        }
        return magnitude.setScale(9, RoundingMode.UP);
    }

    Quantity add(Quantity other) {
        if (amount != null && other.amount != null) {
            Int64Amount sum = amount.plus(other.amount);
            if (sum != null) {
                return new Quantity(sum);
            }
        }
        return new Quantity(value.add(other.value, ARITHMETIC), null);
    }

    Quantity subtract(Quantity other) {
        Int64Amount negated = other.amount == null ? null : other.amount.negated();
        return add(new Quantity(other.value.negate(), negated));
    }

    int sign() {
        return value.signum();
    }

    int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** Whether {@link #asInteger()} succeeds: only kube's int64 form at a scale of zero or more, fitting an int64. */
    boolean isInteger() {
        return amount != null && amount.asLong().isPresent();
    }

    long asInteger() throws CelEvaluationException {
        if (!isInteger()) {
            throw error("cannot convert value to integer");
        }
        return amount.asLong().getAsLong();
    }

    /** kube's arithmetic: the unscaled number as a double times the power of ten; huge values are infinite. */
    double asApproximateFloat() {
        BigDecimal exact = amount != null ? amount.value() : value;
        double base = exact.unscaledValue().doubleValue();
        return exact.scale() == 0 ? base : base * Double.parseDouble("1e" + -exact.scale());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }

    /** A suffix as kube interprets it: a power of ten or of two. */
    private record Suffix(boolean binary, int exponent) {

        static Suffix interpret(String suffix) throws CelEvaluationException {
            int decimal = "num kMGTPE".indexOf(suffix.isEmpty() ? " " : suffix);
            if (suffix.length() <= 1 && decimal >= 0) {
                return new Suffix(false, (decimal - 3) * 3);
            }
            int binary = suffix.length() == 2 && suffix.charAt(1) == 'i' ? "KMGTPE".indexOf(suffix.charAt(0)) : -1;
            if (binary >= 0) {
                return new Suffix(true, (binary + 1) * 10);
            }
            if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
                try {
                    return new Suffix(false, (int) Long.parseLong(suffix.substring(1)));
                } catch (NumberFormatException e) {
                    throw error(SUFFIX_ERROR);
                }
            }
            throw error(SUFFIX_ERROR);
        }
    }
}
