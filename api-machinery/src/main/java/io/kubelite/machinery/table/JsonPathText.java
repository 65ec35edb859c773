package io.kubelite.machinery.table;

import io.kubelite.machinery.validation.GoJson;
import tools.jackson.databind.JsonNode;

/**
 * client-go's {@code JSONPath.PrintResults} for one matched value, as kube-apiserver fills a
 * {@code string} printer column: strings as they are, numbers and booleans as Go's
 * {@code fmt.Print} writes them, {@code null} as {@code <no value>}, objects and arrays as
 * Go's {@code json.Marshal} writes them (compact, keys sorted, {@code <>&} escaped).
 * Worked examples: {@code 3} prints {@code 3}; {@code 2.5} {@code 2.5}; {@code 1500000.0}
 * {@code 1.5e+06}; {@code {"b":1,"a":[true]}} {@code {"a":[true],"b":1}}.
 */
final class JsonPathText {

    private JsonPathText() {
    }

    static String print(JsonNode value) {
        if (value.isNull()) {
            return "<no value>";
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : GoJson.floatV(value.doubleValue());
        }
        if (value.isContainer()) {
            return GoJson.marshal(value);
        }
        return value.asString();
    }
}
