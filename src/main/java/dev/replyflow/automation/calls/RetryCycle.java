package dev.replyflow.automation.calls;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's {@code failedJobRetryTimeCycle}, applied to remote calls as the engine applies it to jobs: either a
 * list of waits ({@code PT10S,PT1M,PT5M}: as many attempts as waits, the n-th failure waits the n-th) or a repeated
 * one ({@code R3/PT0S}: three attempts). After the last attempt the step is an incident. Unset: three attempts, no wait.
 */
record RetryCycle(int attempts, List<Duration> waits) {

    static final RetryCycle DEFAULT = new RetryCycle(3, List.of(Duration.ZERO));

    /** @throws IllegalArgumentException naming the cycle when it is neither form */
    static RetryCycle parse(String cycle) {
        if (cycle == null || cycle.isBlank()) {
            return DEFAULT;
        }
        String text = cycle.strip();
        try {
            if (text.startsWith("R")) {
                int slash = text.indexOf('/');
                return new RetryCycle(Integer.parseInt(text.substring(1, slash)),
                        List.of(Duration.parse(text.substring(slash + 1))));
            }
            List<Duration> waits = Arrays.stream(text.split(",")).map(String::strip).map(Duration::parse).toList();
            return new RetryCycle(waits.size(), waits);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("failedJobRetryTimeCycle '" + cycle + "' is neither R<n>/<duration> nor a "
                    + "list of ISO-8601 durations like PT10S,PT1M", e);
        }
    }

    /** The retries left after a failure, given those left before it (null before the first failure). */
    int retriesAfterFailure(Integer retriesBefore) {
        return Math.max(0, (retriesBefore == null ? attempts : retriesBefore) - 1);
    }

    /** The wait before the attempt that leaves {@code retriesLeft} retries after a failure. */
    Duration waitBefore(int retriesLeft) {
        int failures = attempts - retriesLeft;
        return waits.get(Math.min(Math.max(failures - 1, 0), waits.size() - 1));
    }
}
