package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.replyflow.messaging.gateway.OutboundMessage;

/**
 * Sends again what a stopped node or a lost answer left pending: recorded messages still PENDING when their
 * {@code next_attempt_at} passed, i.e. after WhatsApp's status webhooks had time to say they arrived (see
 * MessageStatuses: a status carrying the message's reference settles it). Each node claims a message with a
 * conditional update before sending it, so two nodes never send the same one. A node that has just started sends
 * nothing again for {@code unknown-outcome-wait}: while no node was up, WhatsApp kept the statuses of what was sent just
 * before, and delivers them again now; a message waiting in the killed node's sender queue went out late in its wait, so
 * its wait may have passed before the restart (a kill check of a lone H2 node once saw 15 messages sent twice).
 */
@Component
public class OutboundRecovery {

    private static final Logger log = LoggerFactory.getLogger(OutboundRecovery.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final MessageSender sender;
    private final OutboundDispatcher dispatcher;
    private final SenderProperties properties;
    private final Clock clock;
    /** System.nanoTime() from which this node sends again: none until it is ready, then after the wait (see above). */
    private volatile long resendFrom;
    private volatile boolean ready;

    OutboundRecovery(JdbcTemplate jdbc, MessageSender sender, OutboundDispatcher dispatcher, SenderProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${replyflow.whatsapp.sender.recovery-interval:PT15S}",
            fixedDelayString = "${replyflow.whatsapp.sender.recovery-interval:PT15S}")
    public void resendOverdue() {
        if (!ready || System.nanoTime() - resendFrom < 0) {
            return;
        }
        try {
            int resent = resendDue(clock.instant());
            if (resent > 0) {
                log.info("Sent again {} message(s) whose outcome was not known", resent);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for overdue pending messages failed; trying again later", e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        resendFrom = System.nanoTime() + properties.unknownOutcomeWait().toNanos();
        ready = true;
    }

    /** @return how many overdue pending messages this node took and handed to the sender pool */
    public int resendDue(Instant now) {
        record Due(Long id, OffsetDateTime at) {
        }
        List<Due> due = jdbc.query("select id, next_attempt_at from message where next_attempt_at <= ? and status = 'PENDING' "
                + "and direction = 'OUTBOUND' order by next_attempt_at fetch first " + BATCH + " rows only",
                (rs, i) -> new Due(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)), utc(now));
        int taken = 0;
        for (Due message : due) {
            boolean claimed = jdbc.update("update message set next_attempt_at = ? where id = ? and next_attempt_at = ? "
                    + "and status = 'PENDING'", utc(now.plus(properties.unknownOutcomeWait())), message.id(), message.at()) == 1;
            if (!claimed) {
                continue; // another node took it, or it settled meanwhile
            }
            OutboundMessage outbound = sender.rebuild(message.id());
            if (outbound != null) {
                dispatcher.submit(message.id(), outbound, 0);
                taken++;
            }
        }
        return taken;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
