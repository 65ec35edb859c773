package io.kubelite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code workers} threads, each sending its next request as soon as the previous one answered,
 * for {@code duration}: the most the server sustains at that concurrency. Latency is from send
 * to answer (a closed loop never queues on the client side).
 */
final class ClosedLoopRunner {

    PhaseResult run(String name, int workers, Duration duration, Supplier<Write> writePerWorker)
            throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder();
        ErrorTally errors = new ErrorTally();
        AtomicLong ok = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Write write = writePerWorker.get();
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    try {
                        write.perform();
                        latencies.record(System.nanoTime() - sent);
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        errors.add(e);
                    }
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new PhaseResult(name, 0, workers, ok.get(), errors.count(), Math.max(lastDone.get() - start, 0),
                latencies.summary(), errors.samples());
    }
}
