package io.kubelite.gateway.authn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a Kubernetes static token file ({@code --token-auth-file}): one CSV record per line,
 * {@code token,user,uid[,"group1,group2"]}. Lines that are blank or start with {@code #} are
 * skipped. As in kube-apiserver, leading spaces of a field are dropped, a quoted field may hold
 * commas and {@code ""} for a quote, and when a token appears twice the later line wins.
 *
 * <p>Example: {@code s3cret, alice, 1000, "dev,ops"} is user {@code alice}, uid {@code 1000},
 * groups {@code [dev, ops]}. A bad line is reported by number and skipped; the token itself is
 * never part of a problem message.
 */
public final class TokenFileParser {

    private TokenFileParser() {
    }

    public record Parsed(Map<String, UserInfo> usersByToken, List<String> problems) {
    }

    public static Parsed parse(String content) {
        Map<String, UserInfo> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = splitRecord(line);
            if (fields == null) {
                problems.add("line " + lineNo + ": unterminated quoted field");
            } else if (fields.size() < 3) {
                problems.add("line " + lineNo + ": needs at least 3 columns (token, user name, user uid), found "
                        + fields.size());
            } else if (fields.get(0).isEmpty()) {
                problems.add("line " + lineNo + ": empty token");
            } else if (fields.get(1).isEmpty()) {
                problems.add("line " + lineNo + ": empty user name");
            } else {
                UserInfo user = new UserInfo(fields.get(1), fields.get(2),
                        fields.size() > 3 ? groups(fields.get(3)) : List.of());
                if (users.put(fields.get(0), user) != null) {
                    problems.add("line " + lineNo + ": duplicate token, this line replaces the earlier one");
                }
            }
        }
        return new Parsed(users, problems);
    }

    private static List<String> groups(String column) {
        return Arrays.stream(column.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
    }

    /** Splits one CSV record; null when a quote is left open. */
    static List<String> splitRecord(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < line.length()) {
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        closed = true;
                        break;
                    }
                }
                if (!closed) {
                    return null;
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString().strip());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }
}
