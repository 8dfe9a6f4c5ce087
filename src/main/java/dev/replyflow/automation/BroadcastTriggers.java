package dev.replyflow.automation;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactAddedToList;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactsImportedToList;
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
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final java.util.concurrent.Executor background;

    public BroadcastTriggers(Triggers triggers, ContactRepository contacts, PlatformTransactionManager transactions,
            org.camunda.bpm.engine.RuntimeService runtime) {
        this.triggers = triggers;
        this.contacts = contacts;
        this.runtime = runtime;
        this.background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "list-import-triggers");
            thread.setDaemon(true);
            return thread;
        });
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    public void onListAdded(ContactAddedToList event) {
        AfterCommit.run(() -> fire("list-added:" + event.listName(), event.phone(), event.contactId(),
                Map.of("listId", event.listId())));
    }

    /**
     * A CSV import may add 100,000 members: their automations start in the background, 200 per transaction,
     * and only when some automation listens to this list.
     */
    @EventListener
    public void onListImported(ContactsImportedToList event) {
        AfterCommit.run(() -> startImported(event));
    }

    private void startImported(ContactsImportedToList event) {
        String signal = "list-added:" + event.listName();
        if (runtime.createEventSubscriptionQuery().eventType("signal").eventName(signal).count() == 0) {
            return;
        }
        background.execute(() -> {
            List<ContactsImportedToList.Member> members = event.members();
            for (int from = 0; from < members.size(); from += 200) {
                List<ContactsImportedToList.Member> batch = members.subList(from, Math.min(from + 200, members.size()));
                try {
                    tx.executeWithoutResult(status -> batch.forEach(m ->
                            triggers.startBySignal(signal, m.phone(), m.contactId(), Map.of("listId", event.listId()))));
                } catch (RuntimeException e) {
                    log.error("Trigger {}: {} imported contacts from #{} did not start their automations", signal, batch.size(),
                            from, e);
                }
            }
        });
    }

    @EventListener
    public void onTicketStatus(TicketStatusChanged event) {
        AfterCommit.run(() -> contacts.findById(event.contactId()).ifPresent(contact -> fire("ticket-status:" + event.to(),
                contact.getPhone(), contact.getId(), Map.of("ticketId", event.ticketId(), "ticketStatus", event.to().name()))));
    }

    @EventListener
    public void onConsent(MarketingConsentChanged event) {
        AfterCommit.run(() -> fire("marketing-consent:" + (event.granted() ? "granted" : "revoked"), event.phone(),
                event.contactId(), Map.of()));
    }

    private void fire(String signal, String phone, Long contactId, Map<String, Object> variables) {
        try {
            tx.executeWithoutResult(status -> triggers.startBySignal(signal, phone, contactId, variables));
        } catch (RuntimeException e) {
            log.error("Trigger {} for contact {} could not start its automations", signal, contactId, e); // no phone in logs
        }
    }
}
