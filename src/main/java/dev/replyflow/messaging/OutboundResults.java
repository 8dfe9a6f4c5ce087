package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Billing;

/** What the sender pool learnt from WhatsApp, each written in one short transaction of its own. */
@Component
class OutboundResults {

    private final JdbcTemplate jdbc;
    private final MessageRepository messages;
    private final Billing billing;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutboundResults(JdbcTemplate jdbc, MessageRepository messages, Billing billing, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.billing = billing;
        this.events = events;
        this.clock = clock;
    }

    /** WhatsApp took it. A status webhook that came first (by its reference) already did this: then nothing changes. */
    void accepted(Long messageId, String wamid) {
        jdbc.update("update message set status = 'SENT', wa_message_id = ?, status_at = ?, next_attempt_at = null "
                + "where id = ? and status = 'PENDING'", wamid, utc(clock.instant()), messageId);
    }

    /** Still pending: picked up again at {@code at} unless settled before (by the pool's retry or a status webhook). */
    void pendingUntil(Long messageId, Instant at) {
        jdbc.update("update message set next_attempt_at = ? where id = ? and status = 'PENDING'", utc(at),
                messageId);
    }

    /** Refused for good: failed with WhatsApp's code, its charge refunded, and its automation told. */
    @Transactional
    public void failed(Long messageId, Integer code, String reason) {
        Message message = messages.findById(messageId).orElse(null);
        if (message == null || !message.moveTo(MessageStatus.FAILED, clock.instant(), code, reason)) {
            return;
        }
        billing.refund(message.getId(), message.getContactId(), message.getPrice());
        events.publishEvent(new OutboundMessageFailed(message.getId(), message.getContactId(),
                message.getProcessInstanceId(), code, reason));
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
