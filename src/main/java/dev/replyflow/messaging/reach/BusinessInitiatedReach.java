package dev.replyflow.messaging.reach;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.ContactRepository;

/**
 * The unit of WhatsApp's messaging limit: a contact sent a business-initiated message — a template outside their 24h
 * customer service window — counted once per rolling 24 hours however many it got, whoever sent it (an automation's
 * Send Message, the API, the AI operator, a campaign). MessageSender marks each such message as it records it; a
 * campaign marks the recipients it dispatches outside their window at once, for the moments until their instances
 * record their messages. Each contact keeps the time of its last such message, so counting the rolling 24 hours is
 * one indexed count. A message WhatsApp later refuses still counts until it leaves the 24 hours (on the safe side).
 */
@Component
public class BusinessInitiatedReach {

    public static final Duration WINDOW = Duration.ofHours(24);

    private final ContactRepository contacts;
    private final NamedParameterJdbcTemplate jdbc;

    BusinessInitiatedReach(ContactRepository contacts, NamedParameterJdbcTemplate jdbc) {
        this.contacts = contacts;
        this.jdbc = jdbc;
    }

    /**
     * The contacts are sent (or about to be sent) a business-initiated message at {@code at}, in the caller's transaction
     * (a later time already kept stays). Plain JDBC on the column no entity writes: a JPA query would first flush
     * the whole persistence context, a cost on every send.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reached(Collection<Long> contactIds, Instant at) {
        if (!contactIds.isEmpty()) {
            jdbc.update("update contact set business_initiated_at = :at where id in (:ids) "
                    + "and (business_initiated_at is null or business_initiated_at < :at)",
                    Map.of("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), "ids", contactIds));
        }
    }

    /** Unique contacts reached in the rolling 24 hours up to {@code now}. */
    public long reachedInWindow(Instant now) {
        return contacts.countByBusinessInitiatedAtAfter(now.minus(WINDOW));
    }

    /** When the first contact reached in the rolling 24 hours leaves them, freeing room; null when nobody is in them. */
    public Instant nextLeaving(Instant now) {
        return contacts.earliestBusinessInitiatedAfter(now.minus(WINDOW)).map(at -> at.plus(WINDOW).plusMillis(1)).orElse(null);
    }
}
