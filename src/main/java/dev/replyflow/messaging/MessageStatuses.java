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
        return apply(waMessageId, status, at, errorCode, errorTitle, null);
    }

    /**
     * @param reference the message's biz_opaque_callback_data: a status of a message whose send answer was lost (a
     *        crash, a timeout) still finds it, and its first status settles it as accepted instead of sending it again
     */
    @Transactional
    public Outcome apply(String waMessageId, MessageStatus status, Instant at, Integer errorCode, String errorTitle,
            String reference) {
        Message message = messages.findByWaMessageId(waMessageId).orElse(null);
        if (message == null) {
            message = pendingByReference(reference);
            if (message == null) {
                return Outcome.UNKNOWN_MESSAGE;
            }
            message.accepted(waMessageId, at);
            if (status == MessageStatus.SENT) {
                return Outcome.APPLIED;
            }
        }
        if (!message.moveTo(status, at, errorCode, errorTitle)) {
            return Outcome.IGNORED;
        }
        if (status == MessageStatus.FAILED) {
            billing.refund(message.getId(), message.getContactId(), message.getPrice());
        }
        return Outcome.APPLIED;
    }

    private Message pendingByReference(String reference) {
        if (reference == null || !reference.startsWith(OutboundDispatcher.REFERENCE_PREFIX)) {
            return null;
        }
        try {
            Long id = Long.valueOf(reference.substring(OutboundDispatcher.REFERENCE_PREFIX.length()));
            return messages.findById(id).filter(m -> m.getStatus() == MessageStatus.PENDING).orElse(null);
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }
}
