package dev.replyflow.campaign;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * WhatsApp's limits a campaign keeps to: the number's throughput (messages/s; the default and maximum rate of a
 * campaign, 80 until Meta upgrades the number to 1,000) and the portfolio's messaging limit (unique contacts reached
 * outside their 24h window per rolling 24 hours: 250, 2,000, 10,000, 100,000; 0 = unlimited).
 */
@Component
class CampaignSettings {

    private final int throughput;
    private final int messagingLimit;

    CampaignSettings(@Value("${replyflow.whatsapp.throughput:80}") int throughput,
            @Value("${replyflow.whatsapp.messaging-limit:250}") int messagingLimit) {
        if (throughput < 1) {
            throw new IllegalStateException("replyflow.whatsapp.throughput must be at least 1 message/s");
        }
        if (messagingLimit < 0) {
            throw new IllegalStateException("replyflow.whatsapp.messaging-limit must be 0 (unlimited) or more");
        }
        this.throughput = throughput;
        this.messagingLimit = messagingLimit;
    }

    int throughput() {
        return throughput;
    }

    int messagingLimit() {
        return messagingLimit;
    }

    boolean limited() {
        return messagingLimit > 0;
    }
}
