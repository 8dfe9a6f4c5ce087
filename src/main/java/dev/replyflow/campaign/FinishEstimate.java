package dev.replyflow.campaign;

import java.time.Duration;
import java.time.Instant;

/**
 * When a campaign's dispatch ends: recipients go out at the rate, and those outside their 24h window at most
 * {@code limit} per rolling 24 hours, so 100,000 such contacts on a 10,000 limit spread over 10 days (ten windows:
 * the first now, nine more a day apart). In-window recipients are not limited and go along in the first window.
 */
record FinishEstimate(Instant finish, int days) {

    static FinishEstimate of(Instant start, long recipients, long countingAgainstLimit, int rate, int limit, int availableNow) {
        Duration atRate = Duration.ofMillis((long) Math.ceil(recipients * 1000.0 / Math.max(1, rate)));
        if (limit <= 0 || countingAgainstLimit <= availableNow) {
            return new FinishEstimate(start.plus(atRate), 1);
        }
        long beyond = countingAgainstLimit - availableNow;
        long laterWindows = (beyond + limit - 1) / limit;
        long lastWindow = beyond - (laterWindows - 1) * limit;
        Duration last = Duration.ofMillis((long) Math.ceil(lastWindow * 1000.0 / Math.max(1, rate)));
        Instant finish = start.plus(MessagingLimit.WINDOW.multipliedBy(laterWindows)).plus(last);
        return new FinishEstimate(finish.isAfter(start.plus(atRate)) ? finish : start.plus(atRate), (int) laterWindows + 1);
    }
}
