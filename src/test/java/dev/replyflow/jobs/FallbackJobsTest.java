package dev.replyflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** When fallback jobs come due: after the work queued ahead of theirs on this node, at the pace it is done. */
class FallbackJobsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration AFTER = Duration.ofSeconds(10);

    private final EngineJobs jobs = mock(EngineJobs.class);
    private final AtomicLong nanos = new AtomicLong();
    private final FallbackJobs fallbacks = new FallbackJobs(jobs, "test", () -> NOW, AFTER, nanos::get);

    FallbackJobsTest() {
        when(jobs.send(eq("test"), anyString(), any())).thenAnswer(call -> "job-" + call.getArgument(1));
    }

    @Test
    void beforeAnyPieceIsDoneTenMillisecondsAPieceAreAssumed() {
        queue(999);

        fallbacks.send("last");

        // 999 ahead and itself at 10 ms each: 10 s to wait, put off twice that
        verify(jobs).send("test", "last", NOW.plus(AFTER).plusSeconds(20));
    }

    @Test
    void aPieceDoneInLessThanTenMillisecondsIsNotTrusted() {
        doTenPiecesIn(Duration.ofMillis(20)); // 2 ms each

        fallbacks.send("a");

        verify(jobs).send("test", "a", NOW.plus(AFTER).plusMillis(20)); // itself at 10 ms, twice
    }

    @Test
    void inAFloodAJobComesDueAfterTheWorkQueuedAheadOfItAtThePaceOfTheLastPieceDone() {
        doTenPiecesIn(Duration.ofMillis(200)); // 20 ms each
        queue(999);

        fallbacks.send("last");

        // 999 ahead and itself at 20 ms each: 20 s to wait, put off twice that
        verify(jobs).send("test", "last", NOW.plus(AFTER).plusSeconds(40));
    }

    @Test
    void aJobIsPutOffTwoMinutesAtMostSoThatACrashInAFloodIsMadeGoodSoon() {
        doTenPiecesIn(Duration.ofSeconds(10)); // a second each
        queue(1000);

        fallbacks.send("last");

        verify(jobs).send("test", "last", NOW.plus(AFTER).plus(FallbackJobs.MAX_PUT_OFF));
    }

    @Test
    void aJobDueWhileItsWorkIsStillQueuedHereIsPostponedAndTheWorkDeletesTheLaterJob() {
        String job = fallbacks.send("a");
        FallbackJobs.Turn turn = fallbacks.queued("a", job);

        assertThat(fallbacks.postponed("a")).isTrue();
        fallbacks.deleteJob("a", job);
        fallbacks.ended("a", turn, true);

        verify(jobs).deleteUntried("job-a"); // the later job, sent with the same target
        assertThat(fallbacks.postponed("a")).isFalse();
    }

    /** Pieces sent and queued here, none done yet. */
    private void queue(int pieces) {
        for (int i = 0; i < pieces; i++) {
            fallbacks.queued("queued-" + i, fallbacks.send("queued-" + i));
        }
    }

    /** Ten pieces queued at once, done one after the other within {@code time}. */
    private void doTenPiecesIn(Duration time) {
        FallbackJobs.Turn[] turns = new FallbackJobs.Turn[10];
        for (int i = 0; i < 10; i++) {
            turns[i] = fallbacks.queued("done-" + i, "job");
        }
        for (int i = 0; i < 10; i++) {
            nanos.addAndGet(time.toNanos() / 10);
            fallbacks.ended("done-" + i, turns[i], true);
        }
    }
}
