package dev.replyflow.messaging;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Billing;

/** Applies WhatsApp's status reports: forward only; a failed message gets its charge back. */
@Service
public class MessageStatuses {

    public enum Outcome { APPLIED, IGNORED, UNKNOWN_MESSAGE }

    private final MessageRepository messages;
    private final Billing billing;

    public MessageStatuses(MessageRepository messages, Billing billing) {
        this.messages = messages;
        this.billing = billing;
    }

    @Transactional
    public Outcome apply(String waMessageId, MessageStatus status, Instant at, Integer errorCode, String errorTitle) {
        Message message = messages.findByWaMessageId(waMessageId).orElse(null);
        if (message == null) {
            return Outcome.UNKNOWN_MESSAGE;
        }
        if (!message.moveTo(status, at, errorCode, errorTitle)) {
            return Outcome.IGNORED;
        }
        if (status == MessageStatus.FAILED) {
            billing.refund(message.getId(), message.getContactId(), message.getPrice());
        }
        return Outcome.APPLIED;
    }
}
