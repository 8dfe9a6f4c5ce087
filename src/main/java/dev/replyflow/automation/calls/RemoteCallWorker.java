package dev.replyflow.automation.calls;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Works the external tasks of the {@link RemoteCallStep}s: fetches and locks the due ones (no more than it has free
 * threads), and on its own pool prepares each call in a short transaction, makes it with no connection held, and
 * reports the outcome ({@link CallReports}). A node that dies mid-call leaves its tasks locked until
 * {@code lock-duration} lapses; then any node takes them again. Started with the application unless
 * {@code replyflow.calls.enabled=false} (tests), where {@link #runDue()} and {@link #drain()} work the calls.
 */
@Component
public class RemoteCallWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemoteCallWorker.class);

    private final ExternalTaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final CallReports reports;
    private final TransactionTemplate transactions;
    private final CallsProperties properties;
    private final ObjectProvider<RemoteCallStep<?>> stepBeans;
    private final String workerId;
    private final ExecutorService pool;
    private final Semaphore free;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object bell = new Object();
    private boolean rung;
    private volatile Map<String, RemoteCallStep<?>> steps;
    private volatile boolean running;
    private Thread poller;

    RemoteCallWorker(ExternalTaskService tasks, RuntimeService runtime, HistoryService history, CallReports reports,
            PlatformTransactionManager transactionManager, CallsProperties properties,
            ObjectProvider<RemoteCallStep<?>> stepBeans) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.reports = reports;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.stepBeans = stepBeans;
        // one id per node and start: a restarted node does not report on the locks of its previous life
        this.workerId = "replyflow@" + ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.pool = Executors.newFixedThreadPool(properties.threads(), daemon("remote-call-"));
        this.free = new Semaphore(properties.threads());
    }

    public String workerId() {
        return workerId;
    }

    /** True when no call is being worked (tests wait for it). */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    /** Takes the calls due now (up to the free threads), and returns how many once they are all worked. */
    public int runDue() {
        List<Future<?>> started = fetchAndStart();
        for (Future<?> call : started) {
            try {
                call.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                log.error("A remote call's worker failed", e.getCause()); // work() handles what a call throws
            }
        }
        return started.size();
    }

    /** Works due calls until none is left, retries that are due at once included; returns how many were worked. */
    public int drain() {
        int total = 0;
        for (int worked = runDue(); worked > 0; worked = runDue()) {
            total += worked;
        }
        return total;
    }

    /** A step left a task: the poller looks at once instead of at its next interval. */
    void wakeUp() {
        synchronized (bell) {
            rung = true;
            bell.notifyAll();
        }
    }

    private List<Future<?>> fetchAndStart() {
        int slots = free.drainPermits();
        List<LockedExternalTask> locked = List.of();
        try {
            locked = slots == 0 ? List.of() : fetch(slots);
        } finally {
            free.release(slots - locked.size());
        }
        List<Future<?>> started = new ArrayList<>(locked.size());
        for (LockedExternalTask task : locked) {
            inFlight.incrementAndGet();
            try {
                started.add(pool.submit(() -> {
                    try {
                        work(task);
                    } finally {
                        inFlight.decrementAndGet();
                        free.release();
                        wakeUp();
                    }
                }));
            } catch (RejectedExecutionException stopping) { // its lock lapses, then a node takes it again
                inFlight.decrementAndGet();
                free.release();
            }
        }
        return started;
    }

    private List<LockedExternalTask> fetch(int max) {
        Map<String, RemoteCallStep<?>> topics = steps();
        if (topics.isEmpty()) {
            return List.of();
        }
        ExternalTaskQueryBuilder query = tasks.fetchAndLock(max, workerId, true);
        for (String topic : topics.keySet()) {
            // no variables: the step reads what it needs when it prepares its call
            query = query.topic(topic, properties.lockDuration().toMillis()).variables(List.of());
        }
        return query.execute();
    }

    private void work(LockedExternalTask task) {
        RemoteCallStep<?> step = steps().get(task.getTopicName());
        CallOutcome outcome = step.work(new TaskInputs(task, runtime, history), transactions);
        reports.report(task, outcome, workerId);
    }

    private Map<String, RemoteCallStep<?>> steps() {
        if (steps == null) {
            steps = stepBeans.orderedStream()
                    .collect(Collectors.toUnmodifiableMap(RemoteCallStep::topic, Function.identity()));
        }
        return steps;
    }

    private void poll() {
        while (running) {
            boolean more = false;
            try {
                more = !fetchAndStart().isEmpty();
            } catch (RuntimeException e) {
                log.warn("Looking for due remote calls failed; trying again in {}", properties.pollInterval(), e);
            }
            if (!more) {
                awaitBell();
            }
        }
    }

    private void awaitBell() {
        synchronized (bell) {
            try {
                if (!rung) {
                    bell.wait(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            rung = false;
        }
    }

    @Override
    public void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        poller = daemon("remote-call-poller").newThread(this::poll);
        poller.start();
        log.info("Remote calls: worker {} with {} threads", workerId, properties.threads());
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (poller != null) {
            try {
                poller.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Calls in flight may finish; those that do not are taken again once their locks lapse. */
    @PreDestroy
    void shutDown() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(15, TimeUnit.SECONDS);
    }

    private static ThreadFactory daemon(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
