package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Route;

/** One listening address of a Service port: it sends what arrives to the route's backends. */
interface ProxyListener extends AutoCloseable {

    Route route();

    /** New backends (the Endpoints changed), for what arrives from now on. */
    void update(Route route);

    /** Stops taking new traffic; what is under way may finish. */
    @Override
    void close();

    /** Stops at once, cutting what is under way (the proxy is shutting down). */
    default void terminate() {
        close();
    }
}
