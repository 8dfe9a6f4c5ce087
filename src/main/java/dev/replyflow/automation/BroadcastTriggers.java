package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.contact.ContactAddedToList;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactsImportedToList;
import dev.replyflow.contact.MarketingConsentChanged;
import dev.replyflow.ticket.TicketStatusChanged;

/**
 * The broadcast triggers: the automations whose signal start event has the trigger's name start for that contact
 * (list-added:&lt;list&gt;, ticket-status:&lt;STATUS&gt;, marketing-consent:granted|revoked). The change schedules the
 * start as a duty in its own transaction, so a committed change never loses its automations to a crash.
 */
@Component
public class BroadcastTriggers implements Duties.Duty {

    /** Contacts per duty of a CSV import: one transaction starts their automations. */
    static final int IMPORT_BATCH = 200;
    // variables keep their types: a list's id stays a Long after the trip through the job
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

    private final Triggers triggers;
    private final ContactRepository contacts;
    private final Duties duties;
    private final org.camunda.bpm.engine.RuntimeService runtime;

    public BroadcastTriggers(Triggers triggers, ContactRepository contacts, Duties duties,
            org.camunda.bpm.engine.RuntimeService runtime) {
        this.triggers = triggers;
        this.contacts = contacts;
        this.duties = duties;
        this.runtime = runtime;
    }

    private record Start(String signal, Map<String, Object> variables, List<Long> contactIds) {
    }

    @EventListener
    public void onListAdded(ContactAddedToList event) {
        duties.schedule(name(), new Start("list-added:" + event.listName(), Map.of("listId", event.listId()),
                List.of(event.contactId())));
    }

    /** A CSV import may add 100,000 members: only when some automation listens to the list, 200 per duty. */
    @EventListener
    public void onListImported(ContactsImportedToList event) {
        String signal = "list-added:" + event.listName();
        if (runtime.createEventSubscriptionQuery().eventType("signal").eventName(signal).count() == 0) {
            return;
        }
        List<ContactsImportedToList.Member> members = event.members();
        for (int from = 0; from < members.size(); from += IMPORT_BATCH) {
            List<Long> ids = new ArrayList<>();
            members.subList(from, Math.min(from + IMPORT_BATCH, members.size())).forEach(m -> ids.add(m.contactId()));
            duties.schedule(name(), new Start(signal, Map.of("listId", event.listId()), ids));
        }
    }

    @EventListener
    public void onTicketStatus(TicketStatusChanged event) {
        duties.schedule(name(), new Start("ticket-status:" + event.to(), Map.of("ticketId", event.ticketId(),
                "ticketStatus", event.to().name()), List.of(event.contactId())));
    }

    @EventListener
    public void onConsent(MarketingConsentChanged event) {
        duties.schedule(name(), new Start("marketing-consent:" + (event.granted() ? "granted" : "revoked"), Map.of(),
                List.of(event.contactId())));
    }

    @Override
    public String name() {
        return "broadcast";
    }

    /** Starts the signal's automations for each contact still there (a deleted one starts nothing). */
    @Override
    public void perform(JsonNode payload) {
        Start start = JSON.convertValue(payload, Start.class);
        for (Long contactId : start.contactIds()) {
            contacts.findById(contactId).ifPresent(contact ->
                    triggers.startBySignal(start.signal(), contact.getPhone(), contact.getId(), start.variables()));
        }
    }
}
