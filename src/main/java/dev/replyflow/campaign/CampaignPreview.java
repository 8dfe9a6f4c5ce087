package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * GET /api/campaigns/{id}/preview: the audience, who is excluded and why, the recipients, what they cost and whether
 * the wallet covers it, how many count against the messaging limit, and when the dispatch will be done.
 */
public record CampaignPreview(long audience, Map<String, Long> excluded, long recipients, BigDecimal estimatedCost,
        String currency, BigDecimal walletBalance, BigDecimal shortfall, long countsAgainstLimit, Instant estimatedFinish,
        int estimatedDays, int rate, int messagingLimit) {
}
