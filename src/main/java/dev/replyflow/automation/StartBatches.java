package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the starts of concurrent API requests together, several in one transaction: each request waits for the
 * commit that holds its instance, so a 201 still means stored. A commit is the dearest part of a start (on H2 a third
 * of its time is writing the commit's pages), and requests that arrive together share one. When a start of a batch
 * fails, the batch is rolled back and each of its starts runs again alone, so only the failing one answers its error
 * and nothing of it is left. A lone request runs at once, in a batch of one. {@code replyflow.starts.*}: the batch
 * size and the threads that run batches (each holds one connection while it runs one).
 */
@Component
public class StartBatches implements DisposableBean {

    private record Pending(Supplier<String> start, CompletableFuture<String> result) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate tx;
    private final int size;
    private final ExecutorService workers;
    private volatile boolean stopped;

    StartBatches(PlatformTransactionManager transactions, @Value("${replyflow.starts.batch-size:32}") int size,
            @Value("${replyflow.starts.threads:4}") int threads) {
        this.tx = new TransactionTemplate(transactions);
        this.size = Math.max(1, size);
        this.workers = Executors.newFixedThreadPool(threads, daemons());
        for (int i = 0; i < threads; i++) {
            workers.execute(this::work);
        }
    }

    private static CustomizableThreadFactory daemons() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("start-batch-");
        factory.setDaemon(true);
        return factory;
    }

    /**
     * Runs {@code start} (an engine start and what goes with it) in a transaction, maybe with other requests' starts,
     * and answers once it committed. @return what start returned; @throws what it threw, as it threw it
     */
    public String start(Supplier<String> start) {
        if (stopped) {
            throw new IllegalStateException("Replyflow is shutting down");
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        queue.add(new Pending(start, result));
        try {
            return result.join();
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

    /** Starts waiting for a batch (for tests). */
    int waiting() {
        return queue.size();
    }

    private void work() {
        while (!stopped) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(size);
                batch.add(first);
                queue.drainTo(batch, size - 1);
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
                List<String> results = tx.execute(status -> batch.stream().map(p -> p.start().get()).toList());
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
                pending.result().complete(tx.execute(status -> pending.start().get()));
            } catch (RuntimeException | Error e) {
                pending.result().completeExceptionally(e);
            }
        }
    }

    @Override
    public void destroy() {
        stopped = true;
        workers.shutdownNow();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("Replyflow is shutting down"));
        }
    }
}
