package io.kubelite.controller.queue;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class RecordingQueueMetrics implements QueueMetrics {

    final List<ObjectKey> added = new CopyOnWriteArrayList<>();
    final List<ObjectKey> retried = new CopyOnWriteArrayList<>();
    final List<Integer> depths = new CopyOnWriteArrayList<>();
    final List<Duration> queueLatencies = new CopyOnWriteArrayList<>();
    final List<Duration> workDurations = new CopyOnWriteArrayList<>();

    @Override
    public void depth(String queue, int depth) {
        depths.add(depth);
    }

    @Override
    public void added(String queue, ObjectKey key) {
        added.add(key);
    }

    @Override
    public void retried(String queue, ObjectKey key) {
        retried.add(key);
    }

    @Override
    public void queueLatency(String queue, ObjectKey key, Duration latency) {
        queueLatencies.add(latency);
    }

    @Override
    public void workDuration(String queue, ObjectKey key, Duration duration) {
        workDurations.add(duration);
    }
}
