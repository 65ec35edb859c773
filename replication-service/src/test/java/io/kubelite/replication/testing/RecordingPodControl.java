package io.kubelite.replication.testing;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubelite.replication.pods.PodControl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PodControl} that records every call and keeps the resulting pods in memory, like an
 * API server whose cache the test controls: {@link #pods()} is what the controller's cache sees.
 */
public final class RecordingPodControl implements PodControl {

    public final List<String> calls = new ArrayList<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private int failCreatesAfter = Integer.MAX_VALUE;

    public void put(Pod pod) {
        pods.put(pod.getMetadata().getName(), pod);
    }

    public List<Pod> pods() {
        return new ArrayList<>(pods.values());
    }

    public Pod pod(String name) {
        return pods.get(name);
    }

    /** Every create after the first {@code n} (counted from now) fails. */
    public void failCreatesAfter(int n) {
        failCreatesAfter = n;
    }

    public long count(String verb) {
        return calls.stream().filter(c -> c.startsWith(verb + " ")).count();
    }

    @Override
    public Pod create(String namespace, PodTemplateSpec template, OwnerReference owner) {
        return createOnNode(namespace, template, owner, null);
    }

    @Override
    public Pod createWithPrefix(String namespace, PodTemplateSpec template, OwnerReference owner, String generateName) {
        Pod pod = createOnNode(namespace, template, owner, null);
        String name = generateName + sequence.get();
        pods.remove(pod.getMetadata().getName());
        calls.set(calls.size() - 1, "create " + name);
        Pod renamed = new PodBuilder(pod).editMetadata().withName(name).withUid("uid-" + name)
                .withAnnotations(template.getMetadata().getAnnotations()).endMetadata().build();
        pods.put(name, renamed);
        return renamed;
    }

    @Override
    public Pod createOnNode(String namespace, PodTemplateSpec template, OwnerReference owner, String nodeName) {
        if (failCreatesAfter-- <= 0) {
            calls.add("create-failed " + owner.getName());
            throw new IllegalStateException("quota exceeded");
        }
        String name = owner.getName() + "-" + sequence.incrementAndGet();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid("uid-" + name)
                .withLabels(template.getMetadata().getLabels()).withOwnerReferences(owner)
                .withCreationTimestamp("2026-01-01T10:00:00Z").endMetadata()
                .withSpec(new PodBuilder().withSpec(template.getSpec()).build().getSpec())
                .editOrNewSpec().withNodeName(nodeName).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        pods.put(name, pod);
        calls.add("create " + name + (nodeName == null ? "" : " on " + nodeName));
        return pod;
    }

    @Override
    public void delete(String namespace, String name) {
        pods.remove(name);
        calls.add("delete " + name);
    }

    @Override
    public void adopt(Pod pod, OwnerReference owner) {
        pods.put(pod.getMetadata().getName(), new PodBuilder(pod).editMetadata().withOwnerReferences(owner).endMetadata().build());
        calls.add("adopt " + pod.getMetadata().getName());
    }

    @Override
    public void release(Pod pod, String ownerUid) {
        pods.put(pod.getMetadata().getName(), new PodBuilder(pod).editMetadata().withOwnerReferences(List.of()).endMetadata().build());
        calls.add("release " + pod.getMetadata().getName());
    }
}
