package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order in which one listening address tries its backends for a new connection: round robin,
 * or, with {@code ClientIP} affinity, the backend this client last reached first.
 *
 * <p>Example: backends a, b, c without affinity; three connections try a-b-c, b-c-a and c-a-b, so
 * each backend gets every third connection and a dead one is skipped. With affinity, a client that
 * reached b tries b first until it stays away longer than the timeout or b leaves the Endpoints.
 */
final class BackendPicker {

    private record Sticky(Backend backend, Instant lastUsed) {
    }

    /** Clients remembered before those that stayed away longer than the timeout are forgotten. */
    static final int MAX_CLIENTS = 4_096;

    private final Clock clock;
    private final ConnectionPolicy policy;
    private final String protocol;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Sticky> byClient = new ConcurrentHashMap<>();
    private volatile Route route;

    BackendPicker(Route route, Clock clock) {
        this(route, clock, ConnectionPolicy.OPEN, "TCP");
    }

    BackendPicker(Route route, Clock clock, ConnectionPolicy policy, String protocol) {
        this.route = route;
        this.clock = clock;
        this.policy = policy;
        this.protocol = protocol;
    }

    Route route() {
        return route;
    }

    /** Takes new backends (the Endpoints changed); clients keep their backend if it is still there. */
    void update(Route newRoute) {
        this.route = newRoute;
        if (!newRoute.affinity().clientIp()) {
            byClient.clear();
        } else {
            byClient.values().removeIf(s -> !newRoute.backends().contains(s.backend()));
        }
    }

    /**
     * Every backend the policy lets {@code clientIp} reach, once, in the order a connection from it
     * should try them; empty when the Service has none or the policy allows none.
     */
    List<Backend> order(String clientIp) {
        Route r = route;
        List<Backend> backends = r.backends();
        int n = backends.size();
        List<Backend> order = new ArrayList<>(n);
        if (n == 0) {
            return order;
        }
        if (r.affinity().clientIp()) {
            Sticky sticky = byClient.get(clientIp);
            if (sticky != null && backends.contains(sticky.backend())
                    && !sticky.lastUsed().plus(r.affinity().timeout()).isBefore(clock.instant())) {
                order.add(sticky.backend());
            }
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Backend b = backends.get((start + i) % n);
            if (!order.contains(b)) {
                order.add(b);
            }
        }
        order.removeIf(b -> !policy.allows(clientIp, b.ip(), protocol, b.port()));
        return order;
    }

    /** A connection from {@code clientIp} reached {@code backend}: with affinity, its next ones go there too. */
    void connected(String clientIp, Backend backend) {
        Route r = route;
        if (r.affinity().clientIp()) {
            Instant now = clock.instant();
            if (byClient.size() >= MAX_CLIENTS) {
                byClient.values().removeIf(s -> s.lastUsed().plus(r.affinity().timeout()).isBefore(now));
            }
            byClient.put(clientIp, new Sticky(backend, now));
        }
    }
}
