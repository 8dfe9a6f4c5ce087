package dev.replyflow.automation.voice;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.ContactView;

/**
 * Voice Call: Twilio calls the contact and reads the message aloud; the call's SID goes into {@code callSid}.
 * <p>
 * Twilio has no idempotency key for calls, so voice_call is the guard against calling twice: a row for this step
 * execution is committed before the request leaves, and any later attempt of the same execution that finds it
 * does not call. A placed call (row with SID) just continues; a refused one takes call-failed again; a row whose
 * outcome is unknown fails with an explanation, which ends as an incident for a person to check. Only when the
 * call was certainly not placed (5xx, 429, no connection) is the row deleted, and the job retried.
 */
@Component(VoiceSteps.BEAN)
class VoiceCallStep extends ContactStep {

    private static final Logger log = LoggerFactory.getLogger(VoiceCallStep.class);

    private final ContactService contacts;
    private final VoiceProperties properties;
    private final TwilioVoiceClient twilio;
    private final VoiceCallLedger ledger;

    VoiceCallStep(ContactRepository repository, ContactService contacts, VoiceProperties properties,
            TwilioVoiceClient twilio, VoiceCallLedger ledger) {
        super(repository);
        this.contacts = contacts;
        this.properties = properties;
        this.twilio = twilio;
        this.ledger = ledger;
    }

    @Override
    protected void execute(DelegateExecution execution, Long contactId) {
        String where = VoiceSteps.VOICE_CALL.name() + " '" + execution.getCurrentActivityId() + "': ";
        String key = visitKey(execution);
        Optional<VoiceCallRecord> earlier = ledger.find(key);
        if (earlier.isPresent()) {
            resume(execution, earlier.get(), where);
            return;
        }

        ContactView contact = contacts.get(contactId);
        if (contact.blocked()) {
            throw failed(where + "the contact " + contact.phone() + " is blocked: it is not called");
        }
        List<String> missing = properties.missingSettings();
        if (!missing.isEmpty()) {
            throw failed(where + "voice calls are not configured: set " + String.join(", ", missing));
        }
        String message = String.join("\n", lines(execution, "message"));
        if (message.isBlank()) {
            throw failed(where + "the message is empty: there is nothing to say");
        }
        String twiml = SayTwiml.say(message, SayLanguage.of(text(execution, "language"), contact.language()),
                blankToNull(text(execution, "voice")));

        long id;
        try {
            id = ledger.starting(contactId, key);
        } catch (DuplicateKeyException concurrent) {
            // another attempt of this execution recorded its call a moment ago: its row decides
            resume(execution, ledger.find(key).orElseThrow(() -> concurrent), where);
            return;
        }
        TwilioCall call;
        try {
            call = twilio.call(contact.phone(), twiml);
        } catch (CallRefusedException e) {
            ledger.refused(id);
            throw failed(where + e.getMessage());
        } catch (VoiceUnavailableException e) {
            ledger.notPlaced(id);
            throw new VoiceUnavailableException(where + e.getMessage() + "; retried", e);
        } catch (CallOutcomeUnknownException e) {
            throw new CallOutcomeUnknownException(where + e.getMessage() + ". " + howToResolve(id, contact.phone()), e);
        }
        // anything else thrown above leaves the row as it is: whether the request left is not known
        ledger.placed(id, call.sid(), call.status());
        log.info("Voice Call {}: Twilio call {} for contact {} ({})", key, call.sid(), contactId, call.status());
        execution.setVariable(VoiceSteps.CALL_SID_VARIABLE, call.sid());
    }

    /** A later attempt of an execution that has already asked Twilio for its call: never a second call. */
    private void resume(DelegateExecution execution, VoiceCallRecord earlier, String where) {
        if (earlier.isPlaced()) {
            execution.setVariable(VoiceSteps.CALL_SID_VARIABLE, earlier.callSid());
        } else if (earlier.isRefused()) {
            throw failed(where + "Twilio refused this call in an earlier attempt (voice_call " + earlier.id() + "); "
                    + "a new visit of the step tries again");
        } else {
            String phone = contacts.get(earlier.contactId()).phone();
            throw new CallOutcomeUnknownException(where + "an earlier attempt asked Twilio at " + earlier.createdAt()
                    + " to call " + phone + " and never learned whether the call was placed. "
                    + howToResolve(earlier.id(), phone));
        }
    }

    private static String howToResolve(long id, String phone) {
        return "Not calling again, so that the contact is not called twice: look for the call to " + phone
                + " in Twilio's call log; if there is none and it should be made, delete the row voice_call " + id
                + " and retry the job, else move the instance past this step";
    }

    private static BpmnError failed(String message) {
        return new BpmnError(VoiceSteps.CALL_FAILED, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
