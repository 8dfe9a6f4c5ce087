package dev.replyflow.campaign;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * WhatsApp's messaging limit as campaigns use it: unique contacts reached outside their 24h window in the rolling
 * 24 hours, over every campaign (the limit is the business portfolio's, not one campaign's).
 */
@Component
class MessagingLimit {

    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final CampaignSettings settings;

    MessagingLimit(JdbcTemplate jdbc, CampaignSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** How many more contacts outside their window may be reached now; Integer.MAX_VALUE when unlimited. */
    int available(Instant now) {
        if (!settings.limited()) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(0, settings.messagingLimit() - used(now));
    }

    long used(Instant now) {
        Long used = jdbc.queryForObject("select count(distinct contact_id) from campaign_recipient "
                + "where counts_against_limit = true and dispatched_at > ?", Long.class, CampaignStore.at(now.minus(WINDOW)));
        return used == null ? 0 : used;
    }

    /** When the oldest reach in the rolling window leaves it, freeing room; null when nothing is in the window. */
    Instant nextRoom(Instant now) {
        var oldest = jdbc.queryForObject("select min(dispatched_at) from campaign_recipient "
                + "where counts_against_limit = true and dispatched_at > ?", java.time.OffsetDateTime.class,
                CampaignStore.at(now.minus(WINDOW)));
        return oldest == null ? null : oldest.toInstant().plus(WINDOW).plusMillis(1);
    }
}
