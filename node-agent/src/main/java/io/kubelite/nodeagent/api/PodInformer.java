package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.pod.PodCache;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods of this JVM's nodes: LIST, then an HTTP streaming WATCH from the list's
 * resourceVersion (one JSON WatchEvent per line), relisting when the stream ends or answers 410
 * Gone, and every resync period. One node lists only its own pods (fieldSelector
 * spec.nodeName=&lt;node&gt;); a JVM hosting many simulated nodes lists every pod once and hands
 * each node its share. Handlers receive keys only.
 */
public final class PodInformer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodInformer.class);

    private final KubernetesClient client;
    private final String onlyNode;
    private final long resyncMillis;
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final Map<String, Consumer<ObjectKey>> handlers = new ConcurrentHashMap<>();
    private volatile boolean synced;
    private volatile boolean closed;
    private volatile InputStream stream;
    private Thread thread;

    public PodInformer(KubernetesClient client, String onlyNode, long resyncMillis) {
        this.client = client;
        this.onlyNode = onlyNode;
        this.resyncMillis = resyncMillis;
    }

    private static String nodeOf(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : pod.getSpec().getNodeName();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void dispatch(Pod pod) {
        Consumer<ObjectKey> handler = handlers.get(nodeOf(pod));
        if (handler != null) {
            handler.accept(new ObjectKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
        }
    }

    /** Lists once (so callers start with a synced cache), then watches on a thread of its own. */
    public void start() {
        String rv = relist();
        thread = new Thread(() -> run(rv), "pod-informer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String firstRv) {
        String rv = firstRv;
        long lastList = System.currentTimeMillis();
        while (!closed) {
            try {
                if (rv == null || System.currentTimeMillis() - lastList >= resyncMillis) {
                    rv = relist();
                    lastList = System.currentTimeMillis();
                }
                rv = watch(rv, Math.max(1, (resyncMillis - (System.currentTimeMillis() - lastList)) / 1000));
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.atWarn().log("Pod watch failed, relisting: " + e.getMessage());
                rv = null;
                sleep(1000);
            }
        }
    }

    /** Replaces the cache with a fresh list; every pod that appeared, changed or vanished is dispatched. */
    private String relist() {
        var list = onlyNode == null ? client.pods().inAnyNamespace().list()
                : client.pods().inAnyNamespace().withField("spec.nodeName", onlyNode).list();
        Set<String> seen = new HashSet<>();
        for (Pod pod : list.getItems()) {
            String key = key(pod);
            seen.add(key);
            Pod old = pods.put(key, pod);
            if (old == null || !old.getMetadata().getResourceVersion().equals(pod.getMetadata().getResourceVersion())) {
                dispatch(pod);
                if (old != null && !nodeOf(old).equals(nodeOf(pod))) {
                    dispatch(old);
                }
            }
        }
        for (Pod gone : new ArrayList<>(pods.values())) {
            if (!seen.contains(key(gone))) {
                pods.remove(key(gone));
                dispatch(gone);
            }
        }
        synced = true;
        return ((PodList) list).getMetadata().getResourceVersion();
    }

    /** Follows the watch stream until it ends; returns the resourceVersion to resume from, or null to relist. */
    private String watch(String rv, long timeoutSeconds) {
        StringBuilder url = new StringBuilder(client.getConfiguration().getMasterUrl().replaceAll("/$", ""))
                .append("/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=").append(rv)
                .append("&timeoutSeconds=").append(timeoutSeconds);
        if (onlyNode != null) {
            url.append("&fieldSelector=").append(URLEncoder.encode("spec.nodeName=" + onlyNode, StandardCharsets.UTF_8));
        }
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url.toString()).build();
        HttpResponse<InputStream> response;
        try {
            response = client.getHttpClient().sendAsync(request, InputStream.class).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("watch " + url + ": " + e.getMessage(), e);
        }
        if (response.code() == 410) {
            return null;
        }
        if (response.code() != 200) {
            throw new IllegalStateException("watch answered " + response.code());
        }
        String resume = rv;
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            stream = body;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                WatchEvent event = Serialization.unmarshal(line, WatchEvent.class);
                if ("ERROR".equals(event.getType())) {
                    return null;
                }
                if (!(event.getObject() instanceof Pod pod)) {
                    continue;
                }
                resume = pod.getMetadata().getResourceVersion();
                if ("BOOKMARK".equals(event.getType())) {
                    continue;
                }
                String key = key(pod);
                if ("DELETED".equals(event.getType())) {
                    pods.remove(key);
                    dispatch(pod);
                } else {
                    Pod old = pods.put(key, pod);
                    if (old != null && !nodeOf(old).equals(nodeOf(pod))) {
                        dispatch(old);
                    }
                    dispatch(pod);
                }
            }
        } catch (java.io.IOException e) {
            if (!closed) {
                LOG.atDebug().log("Pod watch stream ended: " + e.getMessage());
            }
        } finally {
            stream = null;
        }
        return resume;
    }

    /** The cache one node reads, and where its key handler is registered. */
    public PodCache cacheFor(String node, Consumer<ObjectKey> onChange) {
        handlers.put(node, onChange);
        return new PodCache() {
            @Override
            public Optional<Pod> get(ObjectKey key) {
                return Optional.ofNullable(pods.get(key.namespace() + "/" + key.name())).filter(p -> node.equals(nodeOf(p)));
            }

            @Override
            public List<Pod> list() {
                return pods.values().stream().filter(p -> node.equals(nodeOf(p))).toList();
            }

            @Override
            public boolean synced() {
                return synced;
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
