package io.kubelite.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write mix of every API phase: even-numbered writes create a new ConfigMap, odd-numbered
 * ones merge-patch one this mix created earlier. An object is updated by one request at a time
 * (it leaves the idle queue while its patch is in flight), so concurrent patches never race on
 * one resourceVersion; when no created object is idle, the write becomes a create.
 *
 * <p>Example: writes 0..3 sent one after another are create p-0, patch p-0, create p-2, patch p-0
 * (the idle queue is first-in first-out, so updates go round all created objects).
 */
final class ConfigMapMix implements Write {

    /** The two requests the mix sends; {@link ApiClient} sends them over HTTP. */
    interface ConfigMaps {

        void create(String name) throws Exception;

        void update(String name, long generation) throws Exception;
    }

    private final ConfigMaps configMaps;
    private final String prefix;
    private final AtomicLong writes = new AtomicLong();
    private final Queue<String> idle = new ConcurrentLinkedQueue<>();

    ConfigMapMix(ConfigMaps configMaps, String prefix) {
        this.configMaps = configMaps;
        this.prefix = prefix;
    }

    @Override
    public void perform() throws Exception {
        long n = writes.getAndIncrement();
        String name = n % 2 == 1 ? idle.poll() : null;
        if (name == null) {
            name = prefix + "-" + n;
            configMaps.create(name);
            idle.add(name);
        } else {
            try {
                configMaps.update(name, n);
            } finally {
                idle.add(name);
            }
        }
    }
}
