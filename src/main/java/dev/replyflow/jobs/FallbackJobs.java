package dev.replyflow.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The fallback jobs of work done at once after a commit, on this node (in a shared commit): each job is created with
 * that commit, due {@code after} later plus twice as long as that work is expected to wait for its turn here, and
 * deleted by the work when done; it runs only when the work did not happen (a failure, a crash). The expected wait is
 * the work queued here ahead of it at the pace of the last piece done (its wait divided by what was queued ahead of
 * it), never less than {@link #LEAST_PER_PIECE} a piece, and all in all at most {@link #MAX_PUT_OFF}: a flood's jobs
 * come due after its tail, not in the middle of it. A job that comes due while its work still waits on this node
 * postpones itself (doing the work too, it had waited on the rows the work holds, then found nothing left to do), but
 * with thousands queued each postponement still cost an acquisition, a lock and a job: when the wait was measured on
 * the last piece alone, most of the benchmark's 5,000 replies had their job come due in the middle of the flood.
 */
public final class FallbackJobs {

    /** The longest a job is put off for the work queued ahead of it: a crash in a flood is still made good soon. */
    static final Duration MAX_PUT_OFF = Duration.ofMinutes(2);

    /**
     * The time a piece is assumed to take when the last one took less (or before any): a lone piece done at once, or a
     * node's first flood (queued while requests keep the threads, SharedCommits), tells little of a flood's pace, and a
     * job put off too little costs a flood more than one put off too long costs a crash.
     */
    static final Duration LEAST_PER_PIECE = Duration.ofMillis(10);

    /** When a piece of work was queued here, and how many pieces were queued or running here ahead of it. */
    public record Turn(long queuedAtNanos, int ahead) {
    }

    private final EngineJobs jobs;
    private final String type;
    private final Supplier<Instant> now;
    private final Duration after;
    private final LongSupplier nanoTime;
    /** How long one piece of work took lately, as measured on the last one done. */
    private volatile long nanosPerPiece;
    /** Targets of this node's work queued or running, with their fallback job's id. */
    private final Map<String, String> waitingHere = new ConcurrentHashMap<>();

    public FallbackJobs(EngineJobs jobs, String type, Supplier<Instant> now, Duration after) {
        this(jobs, type, now, after, System::nanoTime);
    }

    FallbackJobs(EngineJobs jobs, String type, Supplier<Instant> now, Duration after, LongSupplier nanoTime) {
        this.jobs = jobs;
        this.type = type;
        this.now = now;
        this.after = after;
        this.nanoTime = nanoTime;
    }

    /** In the transaction that commits the work's duty: its fallback job. @return the job's id */
    public String send(String target) {
        return jobs.send(type, target, now.get().plus(after).plus(putOff()));
    }

    /**
     * Twice as long as work queued now would wait for its turn (the pieces queued here and itself, at the last one's
     * pace or {@link #LEAST_PER_PIECE}), at most {@link #MAX_PUT_OFF}.
     */
    private Duration putOff() {
        long pieces = 2 * (waitingHere.size() + 1L);
        long pace = Math.max(nanosPerPiece, LEAST_PER_PIECE.toNanos());
        long max = MAX_PUT_OFF.toNanos();
        return Duration.ofNanos(pace > max / pieces ? max : pieces * pace);
    }

    /** After that commit, as the work is queued here. @return its turn, to hand to {@link #ended} */
    public Turn queued(String target, String job) {
        int ahead = waitingHere.size();
        waitingHere.put(target, job);
        return new Turn(nanoTime.getAsLong(), ahead);
    }

    /**
     * In the fallback job's transaction: true when the work is still queued or running here, and a later job takes this
     * one's place (should the two cross, the later job finds the work done and ends).
     */
    public boolean postponed(String target) {
        if (!waitingHere.containsKey(target)) {
            return false;
        }
        String later = send(target);
        waitingHere.replace(target, later);
        return true;
    }

    /** In the work's transaction, once it is done: deletes its fallback job, postponed or not. */
    public boolean deleteJob(String target, String job) {
        return jobs.deleteUntried(waitingHere.getOrDefault(target, job));
    }

    /** After the work's transaction ended; the pace of work that committed sets the next jobs' due time. */
    public void ended(String target, Turn turn, boolean committed) {
        waitingHere.remove(target);
        if (committed) {
            nanosPerPiece = (nanoTime.getAsLong() - turn.queuedAtNanos()) / (turn.ahead() + 1);
        }
    }
}
