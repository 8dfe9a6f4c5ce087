package dev.replyflow.automation.ai;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactRequest;
import dev.replyflow.contact.ContactService;

/**
 * Hands a chat from the AI operator to people, in one transaction of its own: the assignment goes, the chat is
 * marked unread, the operators are assigned and a note says why. Also marks a chat read once the AI answered.
 */
@Component
class AiHandover {

    /** Who the contact's data says made the change. */
    static final String ACTOR = "ai-operator";
    static final String NOTE_PREFIX = "AI operator handed over: ";
    private static final int MAX_REASON_CHARS = 1000;

    private final AiOperatorAssignments assignments;
    private final ContactService contacts;
    private final IdentityService identity;
    private final TransactionTemplate tx;

    AiHandover(AiOperatorAssignments assignments, ContactService contacts, IdentityService identity,
            PlatformTransactionManager transactions) {
        this.assignments = assignments;
        this.contacts = contacts;
        this.identity = identity;
        this.tx = new TransactionTemplate(transactions); // on the AI operator's own threads, which hold no transaction
    }

    /** @return false when the contact had no AI operator any more (another message handed over first) */
    boolean handOver(Long contactId, AiSettings settings, String reason) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!assignments.remove(contactId)) {
                return false;
            }
            contacts.update(contactId, unread(true), ACTOR);
            List<String> missing = new ArrayList<>();
            for (String operator : settings.operators()) {
                // checked here rather than caught: ContactService's refusal would mark this whole transaction rollback-only
                if (identity.createUserQuery().userId(operator).count() > 0) {
                    contacts.assignOperator(contactId, operator);
                } else {
                    missing.add(operator); // deleted since the step assigned the AI operator
                }
            }
            String why = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
            contacts.addNote(contactId, NOTE_PREFIX + why
                    + (missing.isEmpty() ? "" : " (operators not found, not assigned: " + String.join(", ", missing) + ")"),
                    ACTOR);
            return true;
        }));
    }

    /** The AI operator took care of the customer's message: nothing for the operators to read. */
    void markAnswered(Long contactId) {
        tx.executeWithoutResult(status -> contacts.update(contactId, unread(false), ACTOR));
    }

    private static ContactRequest unread(boolean unread) {
        return new ContactRequest(null, null, null, null, null, null, unread, null, null);
    }
}
