package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFormatTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "1.5, 1.5",
        "100000, 100000",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "0.0001, 0.0001",
        "0.000015, 1.5e-05",
        "-2.5, -2.5",
        "0, 0",
    })
    void printsFloatsAsGoPercentV(double value, String expected) {
        assertThat(GoFormat.floatV(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} marshals as {1}")
    @CsvSource(delimiter = '|', value = {
        "{'b':1,'a':'x'}           | {\"a\":\"x\",\"b\":1}",
        "[1.5,1e21,1e-7,'<a>']     | [1.5,1e+21,1e-7,\"\\u003ca\\u003e\"]",
        "1000000.0                 | 1000000",
    })
    void marshalsJsonAsGoDoes(String value, String expected) {
        assertThat(GoFormat.json(json(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is a {1}")
    @CsvSource(quoteCharacter = '"', value = {
        "1, integer",
        "1.0, number",
        "99999999999999999999, number",
        "'x', string",
        "true, boolean",
        "null, null",
        "[], array",
        "{}, object",
    })
    void infersTheJsonTypeGoDecodingGives(String value, String expected) {
        assertThat(GoFormat.jsonType(json(value))).isEqualTo(expected);
    }
}
