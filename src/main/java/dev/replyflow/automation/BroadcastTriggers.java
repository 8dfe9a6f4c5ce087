package dev.replyflow.automation;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactAddedToList;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.MarketingConsentChanged;
import dev.replyflow.ticket.TicketStatusChanged;

/**
 * The broadcast triggers: once the change committed, the automations whose signal start event has the
 * trigger's name start for that contact (list-added:&lt;list&gt;, ticket-status:&lt;STATUS&gt;,
 * marketing-consent:granted|revoked).
 */
@Component
public class BroadcastTriggers {

    private static final Logger log = LoggerFactory.getLogger(BroadcastTriggers.class);

    private final Triggers triggers;
    private final ContactRepository contacts;
    private final TransactionTemplate tx;

    public BroadcastTriggers(Triggers triggers, ContactRepository contacts, PlatformTransactionManager transactions) {
        this.triggers = triggers;
        this.contacts = contacts;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onListAdded(ContactAddedToList event) {
        fire("list-added:" + event.listName(), event.phone(), event.contactId(), Map.of("listId", event.listId()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onTicketStatus(TicketStatusChanged event) {
        contacts.findById(event.contactId()).ifPresent(contact -> fire("ticket-status:" + event.to(), contact.getPhone(),
                contact.getId(), Map.of("ticketId", event.ticketId(), "ticketStatus", event.to().name())));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onConsent(MarketingConsentChanged event) {
        fire("marketing-consent:" + (event.granted() ? "granted" : "revoked"), event.phone(), event.contactId(), Map.of());
    }

    private void fire(String signal, String phone, Long contactId, Map<String, Object> variables) {
        try {
            tx.executeWithoutResult(status -> triggers.startBySignal(signal, phone, contactId, variables));
        } catch (RuntimeException e) {
            log.error("Trigger {} for {} could not start its automations", signal, phone, e);
        }
    }
}
