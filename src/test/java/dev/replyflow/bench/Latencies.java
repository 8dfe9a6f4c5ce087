package dev.replyflow.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Latencies of many calls from many threads; percentiles at the end. */
final class Latencies implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void record(long elapsedNanos) {
        int i = count.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = elapsedNanos;
        }
    }

    static Latencies pool(java.util.List<Latencies> rounds) {
        Latencies all = new Latencies(rounds.stream().mapToInt(Latencies::count).sum());
        rounds.forEach(round -> Arrays.stream(round.nanos, 0, round.count()).forEach(all::record));
        return all;
    }

    int count() {
        return Math.min(count.get(), nanos.length);
    }

    /** The p-th percentile in milliseconds (nearest rank), NaN when nothing was recorded. */
    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, count());
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
