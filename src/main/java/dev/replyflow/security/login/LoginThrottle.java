package dev.replyflow.security.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down whoever guesses passwords, and only them: failures count per client address and user name, so the
 * right password from another address always works (Camunda's own per-user lock-out, which let anyone lock any user,
 * is switched off by {@link LoginLockOff}). After a few free failures each further one doubles the wait, up to a
 * maximum; a success, or a quiet period, forgets them. In memory: a restart forgets everything, which only helps
 * the rightful user.
 */
@Component
public class LoginThrottle {

    static final int FREE_FAILURES = 3;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofMinutes(30);
    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    public LoginThrottle() {
        this(Clock.systemUTC()); // the real clock: the sandbox's movable platform clock must not lift a wait
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this address must still wait before trying this user again; empty when it may try now. */
    public Optional<Duration> wait(String address, String user) {
        Failures f = failures.get(key(address, user));
        Instant now = clock.instant();
        if (f == null || !now.isBefore(f.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.blockedUntil()));
    }

    public void failed(String address, String user) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ENTRIES) {
            // bounded memory under a flood of made-up user names: forget the old, then those that wait for nothing
            failures.values().removeIf(f -> f.last().plus(MEMORY).isBefore(now) && !now.isBefore(f.blockedUntil()));
            if (failures.size() >= MAX_ENTRIES) {
                failures.values().removeIf(f -> !now.isBefore(f.blockedUntil()));
            }
        }
        failures.compute(key(address, user), (k, f) -> {
            int count = f == null || f.last().plus(MEMORY).isBefore(now) ? 1 : f.count() + 1;
            return new Failures(count, now, now.plus(delay(count)));
        });
    }

    public void succeeded(String address, String user) {
        failures.remove(key(address, user));
    }

    static Duration delay(int failureCount) {
        if (failureCount <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failureCount - FREE_FAILURES - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static String key(String address, String user) {
        return (address == null ? "?" : address) + '\n' + (user == null ? "" : user.toLowerCase(Locale.ROOT));
    }
}
