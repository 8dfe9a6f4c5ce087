package dev.replyflow.messaging;

/**
 * Published when a new (not duplicate) customer message is stored: what reply correlation and the
 * customer-message triggers route on. Published inside the storing transaction.
 */
public record InboundMessageReceived(Long messageId, Long contactId, String phone, String waMessageId, String type,
        String text, String payload) {
}
