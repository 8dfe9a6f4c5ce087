package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Wallet;

/** Computes a campaign's preview from its audience as it is now (the same scan the launch records). */
@Service
class CampaignPreviews {

    private final CampaignStore store;
    private final CampaignDefinitions definitions;
    private final AudienceScan scan;
    private final MessagingLimit limit;
    private final CampaignSettings settings;
    private final Wallet wallet;
    private final Clock clock;

    CampaignPreviews(CampaignStore store, CampaignDefinitions definitions, AudienceScan scan, MessagingLimit limit,
            CampaignSettings settings, Wallet wallet, Clock clock) {
        this.store = store;
        this.definitions = definitions;
        this.scan = scan;
        this.limit = limit;
        this.settings = settings;
        this.wallet = wallet;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CampaignPreview preview(long id) {
        Campaign campaign = store.require(id);
        Instant now = clock.instant();
        Map<String, Long> excluded = new LinkedHashMap<>();
        AudienceScan.REASONS.forEach(reason -> excluded.put(reason, 0L));
        long[] counts = new long[3]; // audience, recipients, counting against the limit
        BigDecimal[] cost = { BigDecimal.ZERO };
        scan.scan(campaign, definitions.whatItSends(campaign), now, contact -> {
            counts[0]++;
            if (contact.reason() != null) {
                excluded.merge(contact.reason(), 1L, Long::sum);
                return;
            }
            counts[1]++;
            cost[0] = cost[0].add(contact.estimate());
            if (contact.countsAgainstLimit()) {
                counts[2]++;
            }
        });
        BigDecimal estimate = money(cost[0]);
        BigDecimal balance = wallet.balance().balance();
        BigDecimal shortfall = estimate.subtract(balance).max(BigDecimal.ZERO);
        Instant start = campaign.startAt() != null && campaign.startAt().isAfter(now) ? campaign.startAt() : now;
        FinishEstimate finish = FinishEstimate.of(start, counts[1], counts[2], campaign.rate(), settings.messagingLimit(),
                limit.available(now));
        return new CampaignPreview(counts[0], excluded, counts[1], estimate, wallet.currency(), balance, money(shortfall),
                counts[2], finish.finish(), finish.days(), campaign.rate(), settings.messagingLimit());
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
