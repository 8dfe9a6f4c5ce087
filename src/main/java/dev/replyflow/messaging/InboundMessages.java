package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;

/**
 * The inbound pipeline shared by the webhook and the sandbox: dedupe by wamid, store, open the customer
 * service window, honour STOP, and announce the message in the same transaction, so that the duty to route it
 * (an engine job, see InboundRouting) commits with it.
 */
@Service
public class InboundMessages {

    private final MessageRepository messages;
    private final InboundRows rows;
    private final ContactService contacts;
    private final StopKeywords stopKeywords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public InboundMessages(MessageRepository messages, InboundRows rows, ContactService contacts, StopKeywords stopKeywords,
            ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.rows = rows;
        this.contacts = contacts;
        this.stopKeywords = stopKeywords;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @return the stored message, or empty for a duplicate delivery (which changes nothing). A concurrent
     *         duplicate fails on the unique wamid and rolls back whole.
     */
    @Transactional
    public Optional<Message> receive(Inbound in) {
        return receive(in, false).map(stored -> messages.findById(stored.messageId()).orElseThrow());
    }

    /**
     * Like {@link #receive}, for a caller that routes the message itself in this transaction ({@link
     * InboundRoute#routeStored}) and whose own duty covers both (a WhatsApp delivery's hand-off at once): no routing duty
     * of its own (nor is it stored unrouted), and the contact's row locked as its routing would lock it. A known message
     * still unrouted is handed over to its routing as by {@link #receive}.
     *
     * @return the stored message as announced, or empty for a duplicate delivery
     */
    @Transactional
    public Optional<InboundMessageReceived> receiveToRoute(Inbound in) {
        return receive(in, true);
    }

    private Optional<InboundMessageReceived> receive(Inbound in, boolean callerRoutes) {
        InboundRows.Known seen = rows.find(in.waMessageId()).orElse(null);
        if (seen != null) {
            if (seen.unrouted()) { // stored, but its routing never finished: this redelivery hands it over again
                Message known = messages.findById(seen.id()).orElseThrow();
                Contact contact = contacts.require(known.getContactId());
                events.publishEvent(new InboundMessageReceived(known.getId(), contact.getId(), contact.getPhone(),
                        known.getWaMessageId(), known.getType(), known.getText(), known.getPayload()));
            }
            return Optional.empty();
        }
        // when the customer wrote, on the platform clock: receipt time minus how late WhatsApp delivered it (measured
        // on real time, as WhatsApp's timestamps are), so a late delivery does not reopen a window that had closed,
        // and a sandbox clock moved forward does not make every real message look days old
        Instant now = clock.instant();
        java.time.Duration late = in.timestamp() == null ? java.time.Duration.ZERO
                : java.time.Duration.between(in.timestamp(), Instant.now());
        Instant at = late.isNegative() ? now : now.minus(late);
        Contact contact = callerRoutes ? contacts.findOrCreateLocked(in.from(), in.profileName())
                : contacts.findOrCreate(in.from(), in.profileName());
        contact.messageReceivedAt(at); // a new name and the window in one update of the contact, when it is flushed
        // the contact's row is there: a new contact is inserted at once, its id being the database's
        long messageId = rows.insert(contact.getId(), in, at, !callerRoutes); // the caller's is routed already
        if (contact.isMarketingConsent() && stopKeywords.isStop(in.text())) {
            contacts.setMarketingConsent(contact.getId(), false, "STOP keyword", "whatsapp:" + in.from());
        }
        InboundMessageReceived announced = new InboundMessageReceived(messageId, contact.getId(),
                contact.getPhone(), in.waMessageId(), in.type(), in.text(), in.payload(), callerRoutes);
        events.publishEvent(announced);
        if (callerRoutes) { // after the listeners, which read it; its routing writes it in SQL: one update of it, not two
            contacts.release(contact);
        }
        return Optional.of(announced);
    }
}
