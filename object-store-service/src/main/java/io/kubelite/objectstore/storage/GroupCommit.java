package io.kubelite.objectstore.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Commits concurrent requests together. Every commit holds the global commit lock until
 * PostgreSQL has flushed it (fsync), so one commit at a time is as fast as the disk allows;
 * writing the requests that arrived meanwhile in one transaction pays that flush once for all
 * of them. Example: 40 requests arrive during a 4 ms commit; the next transaction writes all
 * 40 (each still at its own resourceVersion, in arrival order) and flushes once, instead of 40
 * transactions of 4 ms each queueing behind the lock.
 *
 * <p>A request that fails the usual way (a stale resourceVersion, a duplicate name) writes nothing
 * and gets its error, the others commit; a request of several objects is written under a
 * savepoint so it can be undone whole. Any other error inside the transaction aborts it, and the
 * requests are then committed one by one so only the one at fault fails. A failure of the commit
 * itself (the connection) fails every request of the batch: none of them was written. Nothing is
 * ever half-written.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private record Request(List<Mutation> mutations, CompletableFuture<List<StoredObject>> done) {
    }

    private final TransactionTemplate transactions;
    private final Function<List<Mutation>, List<StoredObject>> writer;
    private final int maxBatch;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    /**
     * @param writer writes one request's mutations inside the current transaction
     */
    GroupCommit(TransactionTemplate transactions, Function<List<Mutation>, List<StoredObject>> writer, int maxBatch) {
        this.transactions = transactions;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.committer = new Thread(this::run, "group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Writes {@code mutations} atomically in some transaction; blocks until it committed or failed. */
    List<StoredObject> commit(List<Mutation> mutations) {
        Request request = new Request(mutations, new CompletableFuture<>());
        if (!running) {
            throw new IllegalStateException("the object store is shutting down");
        }
        queue.add(request);
        try {
            return request.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            commitTaken(batch);
            batch.clear();
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the object store is shutting down"));
        }
    }

    /**
     * Commits a batch; an Error on the way (a writer's bug, a stack overflow) fails the batch's
     * requests that have no outcome yet, and this thread goes on with the next batch: without it,
     * the thread would end and every later write wait forever.
     */
    private void commitTaken(List<Request> batch) {
        try {
            commitBatch(batch);
        } catch (RuntimeException | Error e) {
            LOG.atError().setCause(e).addKeyValue("requests", batch.size()).log("Group commit failed");
            IllegalStateException failed = new IllegalStateException("the commit failed: " + e, e);
            batch.forEach(r -> r.done().completeExceptionally(failed));
        }
    }

    private void commitBatch(List<Request> batch) {
        List<Object> outcomes = new ArrayList<>(batch.size());
        boolean[] writeFailed = {false};
        try {
            transactions.executeWithoutResult(status -> {
                for (Request r : batch) {
                    // A single-object write that finds a duplicate or a stale resourceVersion
                    // writes nothing and leaves the transaction usable; only a request of several
                    // objects may have to undo part of itself.
                    Object savepoint = batch.size() > 1 && r.mutations().size() > 1 ? status.createSavepoint() : null;
                    try {
                        outcomes.add(writer.apply(r.mutations()));
                    } catch (StaleWriteException | DuplicateObjectException e) {
                        if (savepoint != null) {
                            status.rollbackToSavepoint(savepoint);
                        } else if (r.mutations().size() > 1) {
                            throw e;
                        }
                        outcomes.add(e);
                    } catch (RuntimeException e) {
                        writeFailed[0] = true;
                        throw e;
                    }
                }
            });
        } catch (RuntimeException transactionFailed) {
            if (batch.size() > 1 && writeFailed[0]) {
                // An unexpected error aborted the shared transaction, and with it every request's
                // writes: commit each request on its own, so that only the one at fault fails.
                LOG.atWarn().addKeyValue("requests", batch.size())
                        .log("Group commit failed ({}); committing its requests one by one", transactionFailed.toString());
                for (Request r : batch) {
                    commitBatch(List.of(r));
                }
                return;
            }
            batch.forEach(r -> r.done().completeExceptionally(transactionFailed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof RuntimeException e) {
                batch.get(i).done().completeExceptionally(e);
            } else {
                @SuppressWarnings("unchecked")
                List<StoredObject> written = (List<StoredObject>) outcome;
                batch.get(i).done().complete(written);
            }
        }
    }

    /** Requests waiting for the committer thread. */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        committer.interrupt();
    }
}
