package io.kubelite.gateway.routing;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import reactor.netty.ReactorNetty;

/**
 * The number of Netty event loops that the gateway's server and its client to the backends share:
 * one per core unless {@code kubelite.gateway.event-loop-threads} says otherwise, where Reactor
 * Netty would start at least four. A request is read on one loop and proxied over a pooled backend
 * connection that may belong to another; every such crossing hands the request, and then the
 * response, from one thread to the other. On two cores, four loops cost 7.2 context switches and
 * 0.41 ms of the gateway's CPU per proxied write, two loops 5.6 and 0.37 ms (docs/PERFORMANCE.md).
 *
 * <p>Reactor Netty sizes its global loops from the {@value ReactorNetty#IO_WORKER_COUNT} system
 * property when it first creates them, so this sets that property once the configuration is read
 * and before any server or client starts; a property given on the command line wins.
 */
public final class EventLoops implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "kubelite.gateway.event-loop-threads";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) != null) {
            return;
        }
        int configured = environment.getProperty(PROPERTY, Integer.class, 0);
        System.setProperty(ReactorNetty.IO_WORKER_COUNT,
                Integer.toString(threads(configured, Runtime.getRuntime().availableProcessors())));
    }

    /** After the configuration files and the environment variables have been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The configured count, or one per core when it is zero. */
    static int threads(int configured, int cores) {
        if (configured < 0) {
            throw new IllegalArgumentException(
                    "kubelite.gateway.event-loop-threads must be zero (one per core) or positive, got " + configured);
        }
        return configured == 0 ? Math.max(1, cores) : configured;
    }
}
