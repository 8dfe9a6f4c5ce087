package dev.replyflow.automation.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The engine's failedJobRetryTimeCycle, as the remote-call worker reads it. */
class RetryCycleTest {

    @Test
    void aListGivesOneAttemptPerWaitAndTheNthFailureWaitsTheNthWait() {
        RetryCycle cycle = RetryCycle.parse("PT10S, PT1M,PT5M");

        assertThat(cycle.attempts()).isEqualTo(3);
        int afterFirst = cycle.retriesAfterFailure(null);
        assertThat(afterFirst).isEqualTo(2);
        assertThat(cycle.waitBefore(afterFirst)).isEqualTo(Duration.ofSeconds(10));
        int afterSecond = cycle.retriesAfterFailure(afterFirst);
        assertThat(cycle.waitBefore(afterSecond)).isEqualTo(Duration.ofMinutes(1));
        assertThat(cycle.retriesAfterFailure(afterSecond)).isZero();
    }

    @Test
    void aRepeatedWaitGivesItsCountOfAttempts() {
        RetryCycle cycle = RetryCycle.parse("R3/PT0S");

        assertThat(cycle.attempts()).isEqualTo(3);
        assertThat(cycle.retriesAfterFailure(null)).isEqualTo(2);
        assertThat(cycle.waitBefore(2)).isZero();
    }

    @Test
    void retriesAnAdminGaveBackCountFromThereAndNeverGoBelowZero() {
        RetryCycle cycle = RetryCycle.parse("PT10S,PT1M");

        assertThat(cycle.retriesAfterFailure(1)).isZero();
        assertThat(cycle.retriesAfterFailure(5)).isEqualTo(4);
        assertThat(cycle.waitBefore(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(cycle.retriesAfterFailure(0)).isZero();
    }

    @Test
    void unsetIsThreeImmediateAttemptsAndGarbageIsRefusedNamingTheCycle() {
        assertThat(RetryCycle.parse(null)).isEqualTo(new RetryCycle(3, java.util.List.of(Duration.ZERO)));
        assertThatThrownBy(() -> RetryCycle.parse("every minute")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'every minute'");
    }
}
