package io.kubelite.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} pairs a launcher main accepts. Every option is required; an unknown,
 * repeated or valueless option is an error that names it, e.g. {@code --port needs a value}.
 */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, Set<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !names.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg + "; expected " + usage(names));
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if (values.put(arg.substring(2), args[++i]) != null) {
                throw new IllegalArgumentException(arg + " given twice");
            }
        }
        for (String name : names) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("missing --" + name + "; expected " + usage(names));
            }
        }
        return new Options(values);
    }

    Path path(String name) {
        return Path.of(values.get(name)).toAbsolutePath().normalize();
    }

    int port(String name) {
        String value = values.get(name);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a TCP port between 1 and 65535, got \"" + value + "\"");
        }
    }

    private static String usage(Set<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            sb.append(sb.isEmpty() ? "" : " ").append("--").append(name).append(" VALUE");
        }
        return sb.toString();
    }
}
