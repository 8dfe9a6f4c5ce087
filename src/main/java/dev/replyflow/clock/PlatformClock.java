package dev.replyflow.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of Replyflow and of its engine: the system clock plus an offset. The sandbox moves it forward
 * so an analyst can try a 24-hour automation in seconds; time keeps flowing after a move.
 */
public class PlatformClock extends Clock {

    /** How far the sandbox may move the clock in one go, and in all: timers and dates stay within what databases hold. */
    public static final Duration MAX_MOVE = Duration.ofDays(366);
    public static final Duration MAX_OFFSET = Duration.ofDays(5 * 366);

    /** JVM-wide, as the engine's own clock (ClockUtil) is: two contexts in one JVM (tests) must not disagree on it. */
    private static volatile Duration offset = Duration.ZERO;
    /** Set while frozen (tests): the time, moved only by {@link #advance}. */
    private static volatile Instant frozen;

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Instant.now().plus(offset);
    }

    /**
     * Stops time flowing, here and in the engine, until {@link #thaw()}: a test that counts what happens within one
     * second of the platform's time must not see a second pass while a loaded machine runs it.
     */
    public void freeze() {
        synchronized (PlatformClock.class) {
            frozen = Instant.now().plus(offset);
            ClockUtil.setCurrentTime(Date.from(frozen));
        }
    }

    /** Lets time flow again from real time plus the offset (the moves made while frozen included). */
    public void thaw() {
        synchronized (PlatformClock.class) {
            frozen = null;
            ClockUtil.offset(offset.toMillis());
        }
    }

    /**
     * Moves the platform (billing, windows, engine timers) forward by {@code duration}.
     *
     * @throws IllegalArgumentException backwards, by more than {@link #MAX_MOVE}, or past {@link #MAX_OFFSET} in all
     */
    public Instant advance(Duration duration) {
        synchronized (PlatformClock.class) {
            return move(duration);
        }
    }

    private static Instant move(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        if (duration.compareTo(MAX_MOVE) > 0) {
            throw new IllegalArgumentException("the clock moves at most " + MAX_MOVE.toDays() + " days at a time");
        }
        if (offset.plus(duration).compareTo(MAX_OFFSET) > 0) {
            throw new IllegalArgumentException("the clock moves at most " + MAX_OFFSET.toDays() + " days ahead of real "
                    + "time in all; it is " + offset.toDays() + " days ahead now (a restart resets it)");
        }
        offset = offset.plus(duration);
        if (frozen != null) {
            frozen = frozen.plus(duration);
            ClockUtil.setCurrentTime(Date.from(frozen));
            return frozen;
        }
        ClockUtil.offset(offset.toMillis());
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }
}
