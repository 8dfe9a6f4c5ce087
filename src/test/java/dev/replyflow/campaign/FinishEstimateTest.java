package dev.replyflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a campaign finishes: the rate, and the messaging limit's rolling 24 hours. */
class FinishEstimateTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aHundredThousandContactsOnATenThousandLimitSpreadOverTenDays() {
        FinishEstimate estimate = FinishEstimate.of(START, 100_000, 100_000, 80, 10_000, 10_000);

        assertThat(estimate.days()).isEqualTo(10);
        // nine more windows a day apart, the last one's 10,000 at 80/s
        assertThat(estimate.finish()).isEqualTo(START.plus(Duration.ofDays(9)).plusSeconds(125));
    }

    @Test
    void withinTheLimitOnlyTheRateCounts() {
        FinishEstimate estimate = FinishEstimate.of(START, 1_000, 200, 80, 250, 250);

        assertThat(estimate.days()).isEqualTo(1);
        assertThat(estimate.finish()).isEqualTo(START.plusMillis(12_500));
    }

    @Test
    void contactsInTheirWindowDoNotCountAndAnUnlimitedPortfolioIsNeverLimited() {
        assertThat(FinishEstimate.of(START, 5_000, 0, 1000, 250, 0).finish()).isEqualTo(START.plusSeconds(5));
        assertThat(FinishEstimate.of(START, 5_000, 5_000, 1000, 0, Integer.MAX_VALUE).days()).isEqualTo(1);
    }

    @Test
    void whatTheLimitAlreadyReachedTodayPushesTheRestToTomorrow() {
        FinishEstimate estimate = FinishEstimate.of(START, 300, 300, 80, 250, 50);

        assertThat(estimate.days()).isEqualTo(2);
        assertThat(estimate.finish()).isEqualTo(START.plus(Duration.ofDays(1)).plusMillis(3_125));
    }
}
