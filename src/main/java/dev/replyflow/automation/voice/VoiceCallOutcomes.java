package dev.replyflow.automation.voice;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactService;

/**
 * How a Voice Call step's call ended, from Twilio's status callback (replyflow.voice.status-callback-url pointing at
 * /webhooks/voice/twilio): kept on the call and told to the operators as a note in the contact's chat, once.
 */
@Component
public class VoiceCallOutcomes {

    static final String NOTE_AUTHOR = "voice-call";
    private static final Map<String, String> ENDINGS = Map.of(
            "completed", "Voice call answered",
            "busy", "Voice call not answered: the line was busy",
            "no-answer", "Voice call not answered",
            "failed", "Voice call failed: Twilio could not connect it",
            "canceled", "Voice call canceled before it was answered");

    private final VoiceCallLedger ledger;
    private final ContactService contacts;
    private final TransactionTemplate tx;

    VoiceCallOutcomes(VoiceCallLedger ledger, ContactService contacts, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.contacts = contacts;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * @param status Twilio's CallStatus; only the final ones count (queued, ringing, in-progress change nothing)
     * @param durationSeconds Twilio's CallDuration, for an answered call
     * @return whether this report ended a call of ours (a repeated report does not)
     */
    public boolean report(String callSid, String status, String durationSeconds) {
        String normalized = status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
        String ending = ENDINGS.get(normalized);
        if (ending == null || callSid == null) {
            return false;
        }
        String note = "completed".equals(normalized) && durationSeconds != null && durationSeconds.strip().matches("\\d+")
                ? ending + " (" + durationSeconds.strip() + " s)" : ending;
        return Boolean.TRUE.equals(tx.execute(txStatus -> {
            Optional<Long> contact = ledger.ended(callSid, normalized, ENDINGS.keySet());
            contact.ifPresent(id -> contacts.addNote(id, note, NOTE_AUTHOR));
            return contact.isPresent();
        }));
    }
}
