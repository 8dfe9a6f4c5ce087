package dev.replyflow.billing;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.replyflow.billing.BillingProperties.Tier;

/** Prices by recipient country, category and recharge tier; tiers follow the amount of a top-up. */
@Component
public class RateCard {

    private final BillingProperties properties;

    public RateCard(BillingProperties properties) {
        this.properties = properties;
    }

    public BigDecimal price(String country, ConversationCategory category, String tier) {
        var byCategory = properties.rates().getOrDefault(country, properties.rates().get("DEFAULT"));
        return byCategory.get(category).get(tierIndex(tier));
    }

    /** The tier a top-up of this amount buys: the highest whose minimum it reaches. */
    public String tierFor(BigDecimal topUp) {
        List<Tier> tiers = properties.tiers();
        String tier = tiers.get(0).name();
        for (Tier t : tiers) {
            if (topUp.compareTo(t.minTopUp()) >= 0) {
                tier = t.name();
            }
        }
        return tier;
    }

    public String lowestTier() {
        return properties.tiers().get(0).name();
    }

    private int tierIndex(String tier) {
        List<Tier> tiers = properties.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tier)) {
                return i;
            }
        }
        return 0;
    }
}
