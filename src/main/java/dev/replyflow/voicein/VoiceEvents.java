package dev.replyflow.voicein;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;

/**
 * The call events already handled (table voice_event, one row per CallSid and event), remembered in the transaction
 * that upserts the caller, so Twilio's retries start no automation twice.
 */
@Service
public class VoiceEvents {

    private final JdbcTemplate jdbc;
    private final ContactService contacts;
    private final Clock clock;

    public VoiceEvents(JdbcTemplate jdbc, ContactService contacts, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Remembers the event and upserts the caller, in one transaction.
     *
     * @return the contact, or empty when the event of this call was already handled
     * @throws org.springframework.dao.DataIntegrityViolationException when the same event is handled at this very moment
     */
    @Transactional
    public Optional<Contact> record(String callSid, String event, String phone) {
        if (seen(callSid, event)) {
            return Optional.empty();
        }
        jdbc.update("INSERT INTO voice_event (call_sid, event, received_at) VALUES (?, ?, ?)", callSid, event,
                Timestamp.from(clock.instant()));
        return Optional.of(contacts.findOrCreate(phone, null));
    }

    @Transactional(readOnly = true)
    public boolean seen(String callSid, String event) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM voice_event WHERE call_sid = ? AND event = ?", Integer.class,
                callSid, event);
        return count != null && count > 0;
    }

    /** Forgets the event, so that Twilio's retry of a delivery whose automations could not start is handled again. */
    @Transactional
    public void forget(String callSid, String event) {
        jdbc.update("DELETE FROM voice_event WHERE call_sid = ? AND event = ?", callSid, event);
    }
}
