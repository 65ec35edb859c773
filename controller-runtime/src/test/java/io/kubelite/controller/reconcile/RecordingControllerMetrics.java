package io.kubelite.controller.reconcile;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class RecordingControllerMetrics implements ControllerMetrics {

    record Reconciled(ObjectKey key, Outcome outcome, Duration latency) {
    }

    record Failed(ObjectKey key, Exception error) {
    }

    final List<Reconciled> reconciled = new CopyOnWriteArrayList<>();
    final List<Failed> failed = new CopyOnWriteArrayList<>();

    @Override
    public void reconciled(String controller, ObjectKey key, Outcome outcome, Duration latency) {
        reconciled.add(new Reconciled(key, outcome, latency));
    }

    @Override
    public void reconcileFailed(String controller, ObjectKey key, Exception error) {
        failed.add(new Failed(key, error));
    }

    List<Outcome> outcomes() {
        return reconciled.stream().map(Reconciled::outcome).toList();
    }
}
