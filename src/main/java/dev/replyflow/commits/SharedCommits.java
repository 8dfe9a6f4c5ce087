package dev.replyflow.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the units of work of concurrent requests together, several in one transaction (the API's automation starts,
 * the signed webhooks' deliveries, and, without anyone waiting, the routing of the messages they stored): each request
 * waits for the commit that holds its work, so its answer still means stored. A commit is the dearest part of such a
 * request (on H2 a third of a start's time was writing the commit's pages), and requests that arrive together share
 * one. When a unit of a batch fails, the batch is rolled back and each of its units runs again alone, so only the
 * failing one answers its error and nothing of it is left. A lone request runs at once, in a batch of one. Each unit of
 * a batch ends with its JPA changes flushed and the persistence context cleared: otherwise every query of the next
 * units would dirty-check all the entities of the ones before (auto-flush), a cost growing with the square of the batch
 * (7 % of a start's CPU on PostgreSQL with batches of 64). Work a request waits for and work nobody waits for are
 * never in one batch, and half of the threads take the first before the other: a webhook's answer does not wait for
 * the routing of the messages before it (a routing that falls behind is still done, or its job does it).
 * {@code replyflow.shared-commits.*}: the batch size and the threads that run batches (each holds one connection while
 * it runs one). Depends on no feature.
 */
@Component
public class SharedCommits implements DisposableBean {

    private record Pending(Supplier<?> work, CompletableFuture<Object> result) {
    }

    /** Work a request waits for (its answer), and work nobody waits for (routing): never in one batch. */
    private final BlockingQueue<Pending> answered = new LinkedBlockingQueue<>();
    private final BlockingQueue<Pending> background = new LinkedBlockingQueue<>();
    /** One permit per queued unit, whichever its queue. */
    private final Semaphore queued = new Semaphore(0);
    private final AtomicInteger unfinished = new AtomicInteger();
    private final TransactionTemplate tx;
    private final EntityManagerFactory entities;
    private final int size;
    private final ExecutorService workers;
    private volatile boolean stopped;

    SharedCommits(PlatformTransactionManager transactions, ObjectProvider<EntityManagerFactory> entities,
            @Value("${replyflow.shared-commits.batch-size:64}") int size,
            @Value("${replyflow.shared-commits.threads:2}") int threads) {
        this.tx = new TransactionTemplate(transactions);
        this.entities = entities.getIfAvailable();
        this.size = Math.max(1, size);
        this.workers = Executors.newFixedThreadPool(threads, daemons());
        for (int i = 0; i < threads; i++) {
            // the first thread prefers the work requests wait for, the second what nobody waits for, and so on; each
            // takes from the other queue when its own is empty
            boolean prefersAnswered = i % 2 == 0;
            workers.execute(() -> work(prefersAnswered));
        }
    }

    private static CustomizableThreadFactory daemons() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("shared-commit-");
        factory.setDaemon(true);
        return factory;
    }

    /**
     * Runs {@code work} in a transaction, maybe with other requests' work, and answers once it committed.
     * @return what work returned; @throws what it threw, as it threw it
     */
    @SuppressWarnings("unchecked")
    public <T> T run(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) { // one unit of work, one connection
            throw new IllegalStateException("run() commits on another thread: call it without a transaction");
        }
        try {
            return (T) queue(work, answered).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Queues {@code work} for a shared transaction without waiting for it: for what follows a commit and has nobody
     * waiting (routing a stored message), kept durable by its caller until it is done.
     * @return completed with what work returned once committed, or with what it threw when it failed alone
     */
    public CompletableFuture<Object> submit(Supplier<?> work) {
        return queue(work, background);
    }

    private CompletableFuture<Object> queue(Supplier<?> work, BlockingQueue<Pending> queue) {
        if (stopped) {
            throw new IllegalStateException("Replyflow is shutting down");
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        unfinished.incrementAndGet();
        result.whenComplete((done, failed) -> unfinished.decrementAndGet());
        Pending pending = new Pending(work, result);
        queue.add(pending);
        queued.release();
        if (stopped && queue.remove(pending)) { // stopped meanwhile: no worker will take it
            result.completeExceptionally(new IllegalStateException("Replyflow is shutting down"));
        }
        return result;
    }

    /** Whether every unit queued so far has committed or failed (tests wait for the routing that follows a delivery). */
    public boolean idle() {
        return unfinished.get() == 0;
    }

    /** Units waiting for a batch (for tests). */
    int waiting() {
        return answered.size() + background.size();
    }

    private void work(boolean prefersAnswered) {
        BlockingQueue<Pending> own = prefersAnswered ? answered : background;
        BlockingQueue<Pending> other = prefersAnswered ? background : answered;
        while (!stopped) {
            try {
                if (!queued.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                BlockingQueue<Pending> from = own;
                Pending first = own.poll();
                if (first == null) {
                    from = other;
                    first = other.poll();
                }
                if (first == null) { // its unit went with another thread's batch, which then took one permit less
                    continue;
                }
                List<Pending> batch = new ArrayList<>(size);
                batch.add(first);
                int more = from.drainTo(batch, size - 1);
                for (int i = 0; i < more && queued.tryAcquire(); i++) { // their permits, as far as released yet
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<Pending> batch) {
        if (batch.size() > 1) {
            try {
                List<Object> results = tx.execute(status -> {
                    List<Object> done = new ArrayList<>(batch.size());
                    for (Pending p : batch) {
                        done.add(p.work().get()); // a null result is allowed
                        forgetEntities();
                    }
                    return done;
                });
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
                return;
            } catch (RuntimeException | Error oneFailed) {
                // rolled back: each runs again alone below, so that only the failing one fails
            }
        }
        for (Pending pending : batch) {
            try {
                pending.result().complete(tx.execute(status -> pending.work().get()));
            } catch (RuntimeException | Error e) {
                pending.result().completeExceptionally(e);
            }
        }
    }

    /** The unit's JPA changes are written, its entities no longer managed: the next unit starts with none. */
    private void forgetEntities() {
        EntityManager managed = entities == null ? null : EntityManagerFactoryUtils.getTransactionalEntityManager(entities);
        if (managed != null) {
            managed.flush();
            managed.clear();
        }
    }

    @Override
    public void destroy() {
        stopped = true;
        workers.shutdownNow();
        for (BlockingQueue<Pending> queue : List.of(answered, background)) {
            Pending left;
            while ((left = queue.poll()) != null) {
                left.result().completeExceptionally(new IllegalStateException("Replyflow is shutting down"));
            }
        }
    }
}
