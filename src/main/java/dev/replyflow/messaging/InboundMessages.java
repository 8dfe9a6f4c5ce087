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
 * service window, honour STOP, and announce the message for routing.
 */
@Service
public class InboundMessages {

    private final MessageRepository messages;
    private final ContactService contacts;
    private final StopKeywords stopKeywords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public InboundMessages(MessageRepository messages, ContactService contacts, StopKeywords stopKeywords,
            ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
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
        if (messages.findByWaMessageId(in.waMessageId()).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // WhatsApp's timestamp, unless it is ahead of our clock: a late delivery must not reopen a closed window
        Instant at = in.timestamp() == null || in.timestamp().isAfter(now) ? now : in.timestamp();
        Contact contact = contacts.findOrCreate(in.from(), in.profileName());
        Message message = messages.saveAndFlush(Message.inbound(contact.getId(), in.waMessageId(), in.type(), in.text(),
                in.payload(), at));
        contact.messageReceivedAt(at);
        if (contact.isMarketingConsent() && stopKeywords.isStop(in.text())) {
            contacts.setMarketingConsent(contact.getId(), false, "STOP keyword", "whatsapp:" + in.from());
        }
        events.publishEvent(new InboundMessageReceived(message.getId(), contact.getId(), contact.getPhone(),
                in.waMessageId(), in.type(), in.text(), in.payload()));
        return Optional.of(message);
    }
}
