package dev.replyflow.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * When the fallback job of work done at once after a commit is due: {@code after} from now, plus twice as long as that
 * work lags behind (measured on the last one done), so that under a flood a job seldom comes due while its work still
 * waits on this node.
 */
public final class FallbackDue {

    private final Supplier<Instant> now;
    private final Duration after;
    /** How long the last work done at once waited for its turn after its commit. */
    private volatile long lagNanos;

    public FallbackDue(Supplier<Instant> now, Duration after) {
        this.now = now;
        this.after = after;
    }

    public Instant next() {
        return now.get().plus(after).plusNanos(2 * lagNanos);
    }

    /** Work queued at {@code queuedNanos} ({@link System#nanoTime}) is done now. */
    public void done(long queuedNanos) {
        lagNanos = System.nanoTime() - queuedNanos;
    }
}
