package dev.replyflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the heap used every 100 ms; the maximum observed since the last reset. */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong max = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
        thread = new Thread(this::run, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        max.accumulateAndGet(used, Math::max);
    }

    /** Forgets the maximum so far (a collection first, so the next engine starts from what is really live). */
    void reset() {
        System.gc();
        max.set(0);
        sample();
    }

    long maxUsedBytes() {
        sample();
        return max.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
