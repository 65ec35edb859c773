package io.kubelite.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL JDBC URL arithmetic: the same server, another database. */
final class JdbcUrls {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*)(\\?.*)?");

    private JdbcUrls() {
    }

    /** {@code jdbc:postgresql://127.0.0.1:15432/kubelite?x=1} with "scratch" is {@code jdbc:postgresql://127.0.0.1:15432/scratch?x=1}. */
    static String withDatabase(String url, String database) {
        Matcher m = match(url);
        return "jdbc:postgresql://" + m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /** The host of the URL, without the port: 127.0.0.1, localhost, or an IPv6 literal in brackets. */
    static String host(String url) {
        String hostPort = match(url).group(1);
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static Matcher match(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("--jdbc must look like jdbc:postgresql://HOST:PORT/DATABASE, was " + url);
        }
        return m;
    }
}
