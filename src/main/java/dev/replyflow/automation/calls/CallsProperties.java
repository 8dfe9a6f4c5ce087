package dev.replyflow.automation.calls;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * replyflow.calls: the worker that makes the remote calls of Send Webhook, Zapier, Make, the integrations and Voice
 * Call. {@code threads} bounds the calls in flight (none holds a database connection while it waits for the other
 * system); {@code lockDuration} is how long a node keeps a call it took, longer than the slowest call, since another
 * node takes the step again once it lapses (also how soon a killed node's calls go to the others);
 * {@code pollInterval} is how often an idle worker looks for due calls (retries, steps of other nodes: a step's own
 * node is woken at once). {@code enabled=false} (tests) starts no poller: a test works the calls itself.
 */
@ConfigurationProperties(prefix = "replyflow.calls")
public record CallsProperties(Boolean enabled, Integer threads, Duration lockDuration, Duration pollInterval) {

    public CallsProperties {
        enabled = enabled == null || enabled;
        threads = threads == null || threads < 1 ? 8 : threads;
        lockDuration = lockDuration == null ? Duration.ofMinutes(2) : lockDuration;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
    }
}
