package dev.replyflow.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.springframework.stereotype.Component;

import dev.replyflow.messaging.reach.BusinessInitiatedReach;

/**
 * WhatsApp's messaging limit as campaigns keep to it: the business portfolio's unique contacts reached with a
 * business-initiated message in the rolling 24 hours, whoever sent it (BusinessInitiatedReach), against
 * {@code replyflow.whatsapp.messaging-limit}. A contact reached already in those 24 hours takes no new room.
 */
@Component
class MessagingLimit {

    static final Duration WINDOW = BusinessInitiatedReach.WINDOW;

    private final BusinessInitiatedReach reach;
    private final CampaignSettings settings;

    MessagingLimit(BusinessInitiatedReach reach, CampaignSettings settings) {
        this.reach = reach;
        this.settings = settings;
    }

    /** How many more contacts may be reached now; Integer.MAX_VALUE when unlimited. */
    int available(Instant now) {
        if (!settings.limited()) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(0, settings.messagingLimit() - reach.reachedInWindow(now));
    }

    /** When the first contact reached leaves the rolling window, freeing room; null when nobody is in it. */
    Instant nextRoom(Instant now) {
        return reach.nextLeaving(now);
    }

    /**
     * Recipients dispatched outside their window count from now, before their instances record their messages (which
     * then count them again, as the same contacts): the next slice must not hand out their room twice.
     */
    void reaching(Collection<Long> contactIds, Instant now) {
        if (settings.limited()) {
            reach.reached(contactIds, now);
        }
    }
}
