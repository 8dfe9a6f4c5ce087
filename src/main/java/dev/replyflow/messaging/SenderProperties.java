package dev.replyflow.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * replyflow.whatsapp.sender: the pool that hands recorded messages to WhatsApp with no database connection held.
 * {@code threads} bounds the calls in flight (throughput ≈ threads ÷ WhatsApp's latency); {@code retryDelays} are the
 * waits after each "slow down" or outage answer (130429, 131056, 5xx) before the message is failed and refunded;
 * {@code unknownOutcomeWait} is how long a message whose send outcome was lost waits for WhatsApp's status webhooks
 * before it is sent again (and how long a node that has just started sends nothing again); {@code recoveryInterval}
 * how often pending messages are looked for.
 */
@ConfigurationProperties(prefix = "replyflow.whatsapp.sender")
public record SenderProperties(Integer threads, List<Duration> retryDelays, Duration unknownOutcomeWait,
        Duration recoveryInterval) {

    public SenderProperties {
        threads = threads == null || threads < 1 ? 128 : threads;
        retryDelays = retryDelays == null ? List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2))
                : List.copyOf(retryDelays);
        unknownOutcomeWait = unknownOutcomeWait == null ? Duration.ofMinutes(2) : unknownOutcomeWait;
        recoveryInterval = recoveryInterval == null ? Duration.ofSeconds(15) : recoveryInterval;
    }
}
