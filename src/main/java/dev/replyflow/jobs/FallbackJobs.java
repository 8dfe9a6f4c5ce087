package dev.replyflow.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The fallback jobs of work done at once after a commit, on this node (in a shared commit): each job is created with
 * that commit, due {@code after} later plus twice as long as that work lags behind (measured on the last one done), and
 * deleted by the work when done; it runs only when the work did not happen (a failure, a crash). One that comes due while
 * its work still waits on this node (a flood longer than {@code after}) postpones itself: doing the work too, it had
 * waited on the rows the work holds, then found nothing left to do, and a flood's tail paid for it twice.
 */
public final class FallbackJobs {

    private final EngineJobs jobs;
    private final String type;
    private final Supplier<Instant> now;
    private final Duration after;
    /** How long the last work done at once waited for its turn after its commit. */
    private volatile long lagNanos;
    /** Targets of this node's work queued or running, with their fallback job's id. */
    private final Map<String, String> waitingHere = new ConcurrentHashMap<>();

    public FallbackJobs(EngineJobs jobs, String type, Supplier<Instant> now, Duration after) {
        this.jobs = jobs;
        this.type = type;
        this.now = now;
        this.after = after;
    }

    /** In the transaction that commits the work's duty: its fallback job. @return the job's id */
    public String send(String target) {
        return jobs.send(type, target, now.get().plus(after).plusNanos(2 * lagNanos));
    }

    /** After that commit, as the work is queued here. @return when it was queued ({@link System#nanoTime}) */
    public long queued(String target, String job) {
        waitingHere.put(target, job);
        return System.nanoTime();
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

    /** After the work's transaction ended; the wait of work that committed sets the next jobs' due time. */
    public void ended(String target, long queuedNanos, boolean committed) {
        waitingHere.remove(target);
        if (committed) {
            lagNanos = System.nanoTime() - queuedNanos;
        }
    }
}
