package dev.replyflow.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * replyflow.billing: the pricing model, the recharge tiers and the rate card. {@code rates} maps a recipient
 * country (ISO code of its calling code, or DEFAULT) and a category to one price per tier, in tier order.
 */
@ConfigurationProperties(prefix = "replyflow.billing")
public record BillingProperties(Model model, String currency, List<Tier> tiers,
        Map<String, Map<ConversationCategory, List<BigDecimal>>> rates) {

    public enum Model {
        /** Until June 2025: a paid 24h conversation per category and contact, opened by the first message. */
        CONVERSATION,
        /** From 1 July 2025: marketing and authentication templates per message, utility free in the window. */
        PER_MESSAGE
    }

    /** A recharge tier: top-ups of at least {@code minTopUp} buy its prices. */
    public record Tier(String name, BigDecimal minTopUp) {
    }

    public BillingProperties {
        model = model == null ? Model.CONVERSATION : model;
        currency = currency == null ? "EUR" : currency;
        tiers = tiers == null || tiers.isEmpty() ? List.of(new Tier("STANDARD", BigDecimal.ZERO)) : tiers;
        rates = rates == null ? Map.of() : rates;
        if (!rates.containsKey("DEFAULT")) {
            throw new IllegalStateException("replyflow.billing.rates needs a DEFAULT country");
        }
        for (var country : rates.entrySet()) {
            for (ConversationCategory category : ConversationCategory.values()) {
                List<BigDecimal> prices = country.getValue().get(category);
                if (prices == null || prices.size() != tiers.size()) {
                    throw new IllegalStateException("replyflow.billing.rates." + country.getKey() + "." + category
                            + " needs one price per tier (" + tiers.size() + ")");
                }
            }
        }
    }
}
