package dev.replyflow.messaging;

/**
 * Published when a new (not duplicate) customer message is stored: what reply correlation and the
 * customer-message triggers route on. Published inside the storing transaction.
 *
 * @param routedByCaller the caller that stored it routes it in the same transaction ({@link InboundRoute#routeStored}),
 *        its own duty covering both: routing makes no duty of its own
 */
public record InboundMessageReceived(Long messageId, Long contactId, String phone, String waMessageId, String type,
        String text, String payload, boolean routedByCaller) {

    public InboundMessageReceived(Long messageId, Long contactId, String phone, String waMessageId, String type,
            String text, String payload) {
        this(messageId, contactId, phone, waMessageId, type, text, payload, false);
    }
}
