package dev.replyflow.security.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void aFewFailuresAreFreeThenEachOneDoublesTheWaitUpToAMaximum() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.wait("10.0.0.1", "admin")).isEmpty();
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.wait("10.0.0.1", "admin")).contains(Duration.ofSeconds(1));
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.wait("10.0.0.1", "admin")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.wait("10.0.0.1", "admin")).contains(LoginThrottle.MAX_DELAY);
    }

    @Test
    void onlyTheFailingAddressWaitsAndTheWaitEnds() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("10.0.0.1", "Admin");
        }
        assertThat(throttle.wait("10.0.0.1", "admin")).isPresent();
        assertThat(throttle.wait("10.0.0.2", "admin")).isEmpty();
        assertThat(throttle.wait("10.0.0.1", "olivia")).isEmpty();

        now = now.plus(LoginThrottle.MAX_DELAY);
        assertThat(throttle.wait("10.0.0.1", "admin")).isEmpty();
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        throttle.succeeded("10.0.0.1", "admin");
        assertThat(throttle.wait("10.0.0.1", "admin")).isEmpty();
        throttle.failed("10.0.0.1", "admin");
        assertThat(throttle.wait("10.0.0.1", "admin")).isEmpty();
    }
}
