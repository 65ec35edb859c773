package io.kubelite.objectstore.crd;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fieldPath} of an {@code x-kubernetes-validations} rule: a relative JSON path to a field
 * of the node the rule sits on, where a failure of the rule is reported. Example: on {@code spec},
 * {@code .replicas} reports at {@code spec.replicas}; {@code .labels['app.kubernetes.io/name']} on a
 * map of labels reports at {@code spec.labels[app.kubernetes.io/name]}. Only field and map-key
 * steps exist (no list indexes), each checked against the schema, with kube-apiserver's messages
 * ({@code does not refer to a valid field}, {@code expected single quoted string but got 0}, …).
 */
final class RuleFieldPath {

    private RuleFieldPath() {
    }

    /** The path as kube prints it below the rule's node ({@code replicas}, {@code labels[app]}), or why it is invalid. */
    record Parsed(String relative, String error) {
    }

    static Parsed parse(String jsonPath, JsonNode schema) {
        StringBuilder path = new StringBuilder();
        List<String> tokens = tokens(jsonPath);
        JsonNode at = schema;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String name;
            if (token.equals("[")) {
                if (++i >= tokens.size()) {
                    return failed("unexpected end of JSON path");
                }
                String quoted = tokens.get(i);
                if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                    return failed("expected single quoted string but got " + quoted);
                }
                try {
                    name = unescape(quoted.substring(1, quoted.length() - 1));
                } catch (IllegalArgumentException e) {
                    return failed("invalid string literal: " + e.getMessage());
                }
                if (++i >= tokens.size()) {
                    return failed("unexpected end of JSON path");
                }
                if (!tokens.get(i).equals("]")) {
                    return failed("expected ] but got " + tokens.get(i));
                }
            } else if (token.equals(".")) {
                if (++i >= tokens.size()) {
                    return failed("unexpected end of JSON path");
                }
                name = tokens.get(i);
            } else {
                return failed("expected [ or . but got: " + token);
            }
            if (at.has("properties")) {
                if (!at.path("properties").has(name)) {
                    return failed("does not refer to a valid field");
                }
                at = at.path("properties").path(name);
                path.append(path.isEmpty() ? "" : ".").append(name);
            } else if (at.path("additionalProperties").isObject()) {
                at = at.path("additionalProperties");
                path.append('[').append(name).append(']');
            } else {
                return failed("does not refer to a valid field");
            }
        }
        return new Parsed(path.toString(), null);
    }

    private static Parsed failed(String error) {
        return new Parsed(null, error);
    }

    /** Splits into '.', '[' and ']' tokens, quoted strings (delimiters inside kept) and the names between. */
    private static List<String> tokens(String path) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < path.length() && !(path.charAt(end) == '\'' && path.charAt(end - 1) != '\\')) {
                    end++;
                }
                end = Math.min(end + 1, path.length());
                tokens.add(path.substring(i, end));
                i = end;
            } else if (c == '.' || c == '[' || c == ']') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int end = i;
                while (end < path.length() && ".[]".indexOf(path.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(path.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char d = s.charAt(++i);
            out.append(switch (d) {
                case 'a' -> '\u0007';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> '\u000b';
                case '\'' -> '\'';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException("invalid escape char \\" + d);
            });
        }
        return out.toString();
    }
}
