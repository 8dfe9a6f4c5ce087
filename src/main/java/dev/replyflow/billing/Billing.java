package dev.replyflow.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.BillingProperties.Model;

/**
 * What a message costs, under the configured pricing model, charged to the wallet in the sender's
 * transaction (so a refused charge leaves nothing written and nothing sent).
 * <p>
 * Conversation model (reference document): a template opens a 24h conversation of its category unless one of
 * that category is open with the contact; free text, allowed only inside the customer service window, opens
 * a service conversation only when no conversation of any category is open. Per-message model (WhatsApp
 * from 1 July 2025): marketing and authentication templates are charged per message, utility templates
 * only outside the window, service messages never.
 */
@Service
public class Billing {

    private final BillingProperties properties;
    private final RateCard rateCard;
    private final Wallet wallet;
    private final ConversationRepository conversations;

    public Billing(BillingProperties properties, RateCard rateCard, Wallet wallet, ConversationRepository conversations) {
        this.properties = properties;
        this.rateCard = rateCard;
        this.wallet = wallet;
        this.conversations = conversations;
    }

    /**
     * The charge of one message: its price (zero when free) and the conversation it opens, if any (stored by
     * {@link Billing#link}, which the caller must call in the same transaction); not {@code paid} when the wallet
     * could not cover it (then nothing was written).
     */
    public record Charge(ConversationCategory category, BigDecimal price, Conversation opened, boolean paid) {

        Charge(ConversationCategory category, BigDecimal price, Conversation opened) {
            this(category, price, opened, true);
        }

        static Charge refused(ConversationCategory category, BigDecimal price) {
            return new Charge(category, price, null, false);
        }
    }

    /**
     * Charges one outgoing message to {@code phone}'s contact. Call with the contact locked, so that two
     * concurrent sends cannot both open a conversation. A refusal for want of credit is returned (not thrown), so
     * the caller's transaction stays usable.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Charge charge(Long contactId, String phone, String country, ConversationCategory category, boolean windowOpen,
            Instant now) {
        String tier = wallet.tier();
        BigDecimal price = rateCard.price(country, category, tier);
        String label = label(category) + " " + (properties.model() == Model.CONVERSATION ? "conversation" : "message"); // no phone: entries outlive the contact
        if (properties.model() == Model.PER_MESSAGE) {
            boolean free = category == ConversationCategory.SERVICE || category == ConversationCategory.UTILITY && windowOpen;
            if (free) {
                return new Charge(category, BigDecimal.ZERO, null);
            }
            return wallet.debit(price, label, contactId) ? new Charge(category, price, null) : Charge.refused(category, price);
        }
        List<Conversation> open = conversations.findByContactIdAndExpiresAtAfter(contactId, now);
        boolean covered = category == ConversationCategory.SERVICE ? !open.isEmpty()
                : open.stream().anyMatch(c -> c.getCategory() == category);
        if (covered) {
            return new Charge(category, BigDecimal.ZERO, null);
        }
        if (!wallet.debit(price, label, contactId)) {
            return Charge.refused(category, price);
        }
        // stored by link() with its message's id: one insert, no update
        return new Charge(category, price, new Conversation(contactId, category, country, now, price, properties.currency()));
    }

    /**
     * What one template message of {@code category} would cost now, by the same rules as {@link #charge} (for
     * estimates: a campaign's preview). @param conversationOpen a conversation of that category is open with the contact
     */
    public BigDecimal quote(String country, ConversationCategory category, boolean windowOpen, boolean conversationOpen,
            String tier) {
        boolean free = properties.model() == Model.PER_MESSAGE
                ? category == ConversationCategory.SERVICE || category == ConversationCategory.UTILITY && windowOpen
                : conversationOpen;
        return free ? BigDecimal.ZERO : rateCard.price(country, category, tier);
    }

    public String currency() {
        return properties.currency();
    }

    /** Stores the conversation a charged message opened, linked to that message for a refund if it never goes out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void link(Charge charge, Long messageId) {
        if (charge.opened() != null) {
            charge.opened().setMessageId(messageId);
            conversations.save(charge.opened());
        }
    }

    /** A message that WhatsApp refused or could not deliver costs nothing: its charge is given back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(Long messageId, Long contactId, BigDecimal price) {
        if (price == null || price.signum() == 0) {
            return;
        }
        conversations.findByMessageId(messageId).ifPresent(conversations::delete);
        wallet.refund(price, "Refund: message " + messageId + " was not delivered", contactId);
    }

    private static String label(ConversationCategory category) {
        String name = category.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
