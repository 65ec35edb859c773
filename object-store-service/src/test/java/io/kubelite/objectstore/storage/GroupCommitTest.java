package io.kubelite.objectstore.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How requests are batched and answered (no database: a transaction manager that only counts
 * transactions, and a writer that records which thread wrote what). {@code GroupCommitIT} covers
 * the same class on PostgreSQL.
 */
@Timeout(60) // a request left without an answer would otherwise hang the build
class GroupCommitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Counts begun and committed transactions; nothing else. */
    private static final class CountingTransactions extends AbstractPlatformTransactionManager {
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed.incrementAndGet();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack.incrementAndGet();
        }
    }

    private final CountingTransactions transactions = new CountingTransactions();
    private final AtomicLong versions = new AtomicLong();
    private final List<String> writingThreads = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;

    @AfterEach
    void stopThreads() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private GroupCommit groupCommit(Function<List<Mutation>, List<StoredObject>> writer) {
        return new GroupCommit(new TransactionTemplate(transactions), writer, 100);
    }

    /** Writes each create as an object named like the request, at the next version. */
    private List<StoredObject> write(List<Mutation> mutations) {
        writingThreads.add(Thread.currentThread().getName());
        List<StoredObject> written = new ArrayList<>();
        for (Mutation m : mutations) {
            String name = ((Mutation.Create) m).body().path("metadata").path("name").asString();
            written.add(new StoredObject(0, "configmaps", "ns", name, "", versions.incrementAndGet(), JSON.createObjectNode()));
        }
        return written;
    }

    private static List<Mutation> create(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("metadata").put("name", name);
        return List.of(new Mutation.Create("configmaps", body));
    }

    @Test
    void aLoneRequestIsWrittenByTheCommitterThreadInATransactionOfItsOwn() {
        GroupCommit commits = groupCommit(this::write);

        List<StoredObject> written = commits.commit(create("alone"));

        assertThat(written).extracting(StoredObject::name).containsExactly("alone");
        assertThat(writingThreads).containsExactly("group-commit");
        assertThat(transactions.committed).hasValue(1);
    }

    @Test
    void requestsArrivingDuringACommitAreWrittenTogetherInTheNextOneEachGettingItsOwnResult() throws Exception {
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupCommit commits = groupCommit(mutations -> {
            if (transactions.committed.get() == 0 && firstWriting.getCount() > 0) {
                firstWriting.countDown();
                await(releaseFirst);
            }
            return write(mutations);
        });
        pool = Executors.newFixedThreadPool(9);
        Future<List<StoredObject>> first = pool.submit(() -> commits.commit(create("first")));
        assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<List<StoredObject>>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "waiting-" + i;
            waiting.add(pool.submit(() -> commits.commit(create(name))));
        }
        // all eight are queued behind the first commit before it finishes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queued(commits) < 8 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(queued(commits)).isEqualTo(8);
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).extracting(StoredObject::name).containsExactly("first");
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).extracting(StoredObject::name)
                    .containsExactly("waiting-" + i);
        }
        assertThat(transactions.committed).as("the first commit, then one for the eight").hasValue(2);
    }

    @Test
    void manyThreadsCommittingAtOnceAllFinishWithTheirOwnWritesAndShareTransactions() throws Exception {
        GroupCommit commits = groupCommit(this::write);
        int threads = 16;
        int each = 500;
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    String name = thread + "-" + i;
                    assertThat(commits.commit(create(name))).extracting(StoredObject::name).containsExactly(name);
                }
                return each;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get(60, TimeUnit.SECONDS);
        }

        assertThat(total).isEqualTo(threads * each);
        assertThat(versions).hasValue(threads * each);
        assertThat(transactions.committed.get()).isBetween(1, threads * each);
    }

    @Test
    void anErrorWhileWritingFailsItsBatchAndTheCommitterThreadGoesOnWithTheNextRequests() {
        GroupCommit commits = groupCommit(mutations -> {
            if (((Mutation.Create) mutations.get(0)).body().path("metadata").path("name").asString().equals("bad")) {
                throw new AssertionError("the writer broke");
            }
            return write(mutations);
        });

        assertThatThrownBy(() -> commits.commit(create("bad"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the commit failed: java.lang.AssertionError: the writer broke")
                .hasCauseInstanceOf(AssertionError.class);
        assertThat(commits.commit(create("good"))).extracting(StoredObject::name).containsExactly("good");
        assertThat(transactions.rolledBack).hasValue(1);
    }

    @Test
    void aClosedGroupCommitRefusesNewRequests() {
        GroupCommit commits = groupCommit(this::write);
        commits.close();

        assertThatThrownBy(() -> commits.commit(create("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the object store is shutting down");
        assertThat(writingThreads).isEmpty();
    }

    private static int queued(GroupCommit commits) {
        return commits.queued();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
