package io.kubelite.nodeagent.proxy;

import io.kubelite.nodeagent.proxy.ProxyRules.Route;

/** One listening address of a Service port: it sends what arrives to the route's backends. */
interface ProxyListener extends AutoCloseable {

    Route route();

    /** New backends (the Endpoints changed), for what arrives from now on. */
    void update(Route route);

    @Override
    void close();
}
