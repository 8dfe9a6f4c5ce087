package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** GET /api/campaigns/{id}: the campaign, its counts (recipients, then their messages' funnel), cost so far, rate, ETA. */
public record CampaignView(long id, String name, CampaignStatus status, Audience audience, String automation,
        Template template, Instant startAt, int rate, int currentRate, Instant throttledUntil, Counts counts,
        Map<String, Long> excludedByReason, Map<String, Long> failedByCode, BigDecimal cost, BigDecimal reserved,
        String currency, Instant eta, String createdBy, Instant createdAt, Instant launchedAt, Instant finishedAt) {

    public record Audience(String list, List<String> tagsAll, List<String> tagsAny, String exceptList) {
    }

    public record Template(String name, String language, List<String> parameters) {
    }

    /**
     * Recipients by state (excluded, queued, dispatched, cancelled), then dispatched recipients by their messages:
     * sent (WhatsApp took one), delivered, read, failed, and replied (wrote to us after their dispatch).
     */
    public record Counts(long excluded, long queued, long dispatched, long cancelled, long sent, long delivered, long read,
            long replied, long failed) {
    }
}
