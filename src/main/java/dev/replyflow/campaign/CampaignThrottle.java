package dev.replyflow.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.replyflow.messaging.WhatsAppThrottled;

/**
 * WhatsApp said "slow down" (130429, 131056): the sender pool retries that message later, and running campaigns
 * halve their rate and hold it for {@link #HOLD} before climbing back (doubling each slice), instead of pushing more
 * messages into the same wall (which would fail them and cost quality rating). "Slow down" answers during a hold
 * (the burst's other messages, their retries) lower it no further; one after the hold halves it again.
 */
@Component
class CampaignThrottle {

    static final Duration HOLD = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(CampaignThrottle.class);

    private final CampaignStore store;
    private final Clock clock;

    CampaignThrottle(CampaignStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @EventListener
    void onThrottled(WhatsAppThrottled throttled) {
        Instant now = clock.instant();
        int slowed = store.slowDown(now, now.plus(HOLD));
        if (slowed > 0) {
            log.info("WhatsApp answered {} (message {}): {} running campaign(s) halve their rate for {}", throttled.code(),
                    throttled.messageId(), slowed, HOLD);
        }
    }
}
