package dev.replyflow.messaging;

/**
 * WhatsApp refused an outgoing message for good, after the step that recorded it had moved on: published in the
 * transaction that marks it failed and refunds it, so an automation can raise an incident with it.
 */
public record OutboundMessageFailed(Long messageId, Long contactId, String processInstanceId, Integer errorCode,
        String reason) {
}
