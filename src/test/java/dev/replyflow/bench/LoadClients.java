package dev.replyflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clients} threads sharing a list of calls, each thread one call at a time (a closed loop, like as many API
 * clients), or paced: call i starts no earlier than i ÷ rate seconds in (rate &gt; 0), so that its latency is measured at
 * that load; a call answers an HTTP-like status. Stops handing out calls at the deadline.
 */
final class LoadClients {

    /** One call: the index of its contact in, a status out (2xx = done). */
    @FunctionalInterface
    interface Call {
        int call(int contact) throws Exception;
    }

    record Result(int attempted, Latencies latencies, Map<Integer, Integer> statuses, List<String> errorSamples,
            List<Integer> succeeded, long elapsedNanos, boolean timedOut) implements java.io.Serializable {

        int ok() {
            return succeeded.size();
        }

        int count(int from, int to) {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= from && e.getKey() < to)
                    .mapToInt(Map.Entry::getValue).sum();
        }

        int non2xx() {
            return attempted - count(200, 300);
        }

        /** Status 5xx, or no answer at all (status 0: an exception, a timeout). */
        int serverErrors() {
            return count(500, 600) + count(0, 1);
        }

        double perSecond() {
            return elapsedNanos == 0 ? 0 : ok() / (elapsedNanos / 1e9);
        }

        /** Several rounds' results as one: their calls, statuses and latencies together, their times added. */
        static Result pool(List<Result> rounds) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            rounds.forEach(r -> r.statuses.forEach((status, n) -> statuses.merge(status, n, Integer::sum)));
            return new Result(rounds.stream().mapToInt(Result::attempted).sum(),
                    Latencies.pool(rounds.stream().map(Result::latencies).toList()), statuses,
                    rounds.stream().flatMap(r -> r.errorSamples.stream()).limit(5).toList(),
                    rounds.stream().flatMap(r -> r.succeeded.stream()).toList(),
                    rounds.stream().mapToLong(Result::elapsedNanos).sum(), rounds.stream().anyMatch(Result::timedOut));
        }
    }

    private LoadClients() {
    }

    static Result run(List<Integer> contacts, int clients, double rate, Duration timeout, Call call,
            java.util.function.Consumer<String> progress) {
        Latencies latencies = new Latencies(contacts.size());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> succeeded = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger attempted = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < contacts.size() && System.nanoTime() < deadline; ) {
                    int contact = contacts.get(i);
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    attempted.incrementAndGet();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = call.call(contact);
                    } catch (Exception e) {
                        status = 0;
                        if (errors.size() < 5) {
                            errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                    long t1 = System.nanoTime();
                    latencies.record(t1 - t0);
                    lastEnd.accumulateAndGet(t1, Math::max);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status >= 200 && status < 300) {
                        succeeded.add(contact);
                    }
                }
            });
        }
        pool.shutdown();
        boolean finished = false;
        // calls in flight at the deadline get a minute more (each has its own request timeout)
        long end = deadline + TimeUnit.SECONDS.toNanos(60);
        try {
            while (!finished && System.nanoTime() < end) {
                finished = pool.awaitTermination(Math.min(10_000_000_000L, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!finished) {
                    progress.accept(String.format("%d of %d answered after %.0f s, statuses %s", latencies.count(),
                            contacts.size(), (System.nanoTime() - start) / 1e9, new TreeMap<>(statuses)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        Map<Integer, Integer> counted = new TreeMap<>();
        statuses.forEach((status, n) -> counted.put(status, n.get()));
        boolean timedOut = !finished || attempted.get() < contacts.size();
        long elapsed = (lastEnd.get() == 0 ? System.nanoTime() : lastEnd.get()) - start;
        return new Result(attempted.get(), latencies, counted, List.copyOf(errors), List.copyOf(succeeded), elapsed, timedOut);
    }
}
