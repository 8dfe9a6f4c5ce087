package dev.replyflow.automation.voice;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.calls.RemoteCallStep;
import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.ContactView;

/**
 * Voice Call: Twilio calls the contact and reads the message aloud; the call's SID goes into {@code callSid}. The
 * call is made by the remote-call worker, with no database connection held while Twilio answers.
 * <p>
 * Twilio has no idempotency key for calls, so voice_call is the guard against calling twice: a row for this step
 * execution is committed before the request leaves, and any later attempt of the same execution that finds it
 * does not call. A placed call (row with SID) just continues; a refused one takes call-failed again; a row whose
 * outcome is unknown becomes an incident at once, with an explanation for a person to check. Only when the call was
 * certainly not placed (5xx, 429, no connection) is the row deleted, and the call retried.
 */
@Component(VoiceSteps.BEAN)
class VoiceCallStep extends RemoteCallStep<VoiceCallStep.Plan> {

    /** The call of one step execution ({@code key}); {@code placedSid}: the call an earlier attempt placed. */
    record Plan(String where, String key, long contactId, String phone, String twiml, String placedSid) {
    }

    private static final Logger log = LoggerFactory.getLogger(VoiceCallStep.class);

    private final ContactRepository repository;
    private final ContactService contacts;
    private final VoiceProperties properties;
    private final TwilioVoiceClient twilio;
    private final VoiceCallLedger ledger;

    VoiceCallStep(ContactRepository repository, ContactService contacts, VoiceProperties properties,
            TwilioVoiceClient twilio, VoiceCallLedger ledger) {
        super(VoiceSteps.VOICE_CALL);
        this.repository = repository;
        this.contacts = contacts;
        this.properties = properties;
        this.twilio = twilio;
        this.ledger = ledger;
    }

    @Override
    protected Plan prepare(StepInputs inputs) {
        String where = VoiceSteps.VOICE_CALL.name() + " '" + inputs.activityId() + "': ";
        String key = inputs.visitKey();
        Optional<VoiceCallRecord> earlier = ledger.find(key);
        if (earlier.isPresent()) {
            return resume(earlier.get(), where);
        }

        long contactId = ContactStep.contactId(inputs, repository);
        ContactView contact = contacts.get(contactId);
        if (contact.blocked()) {
            throw failed(where + "the contact " + contact.phone() + " is blocked: it is not called");
        }
        List<String> missing = properties.missingSettings();
        if (!missing.isEmpty()) {
            throw failed(where + "voice calls are not configured: set " + String.join(", ", missing));
        }
        String message = String.join("\n", inputs.lines("message"));
        if (message.isBlank()) {
            throw failed(where + "the message is empty: there is nothing to say");
        }
        String twiml = SayTwiml.say(message, SayLanguage.of(inputs.text("language"), contact.language()),
                blankToNull(inputs.text("voice")));
        return new Plan(where, key, contactId, contact.phone(), twiml, null);
    }

    @Override
    protected Map<String, Object> call(Plan plan) {
        if (plan.placedSid() != null) {
            return Map.of(VoiceSteps.CALL_SID_VARIABLE, plan.placedSid());
        }
        String where = plan.where();
        long id;
        try {
            id = ledger.starting(plan.contactId(), plan.key());
        } catch (DuplicateKeyException concurrent) {
            // another attempt of this execution recorded its call a moment ago: its row decides
            Plan earlier = resume(ledger.find(plan.key()).orElseThrow(() -> concurrent), where);
            return Map.of(VoiceSteps.CALL_SID_VARIABLE, earlier.placedSid());
        }
        TwilioCall call;
        try {
            call = twilio.call(plan.phone(), plan.twiml());
        } catch (CallRefusedException e) {
            ledger.refused(id);
            throw failed(where + e.getMessage());
        } catch (VoiceUnavailableException e) {
            ledger.notPlaced(id);
            throw new VoiceUnavailableException(where + e.getMessage() + "; retried", e);
        } catch (CallOutcomeUnknownException e) {
            throw new CallOutcomeUnknownException(where + e.getMessage() + ". " + howToResolve(id, plan.phone()), e);
        }
        // anything else thrown above leaves the row as it is: whether the request left is not known
        ledger.placed(id, call.sid(), call.status());
        log.info("Voice Call {}: Twilio call {} for contact {} ({})", plan.key(), call.sid(), plan.contactId(), call.status());
        return Map.of(VoiceSteps.CALL_SID_VARIABLE, call.sid());
    }

    /** A later attempt of an execution that has already asked Twilio for its call: never a second call. */
    private Plan resume(VoiceCallRecord earlier, String where) {
        if (earlier.isPlaced()) {
            return new Plan(where, earlier.executionKey(), earlier.contactId(), null, null, earlier.callSid());
        }
        if (earlier.isRefused()) {
            throw failed(where + "Twilio refused this call in an earlier attempt (voice_call " + earlier.id() + "); "
                    + "a new visit of the step tries again");
        }
        String phone = contacts.get(earlier.contactId()).phone();
        throw new CallOutcomeUnknownException(where + "an earlier attempt asked Twilio at " + earlier.createdAt()
                + " to call " + phone + " and never learned whether the call was placed. " + howToResolve(earlier.id(), phone));
    }

    private static String howToResolve(long id, String phone) {
        return "Not calling again, so that the contact is not called twice: look for the call to " + phone
                + " in Twilio's call log; if there is none and it should be made, delete the row voice_call " + id
                + " and retry the step's incident in Cockpit, else move the instance past this step";
    }

    private static BpmnError failed(String message) {
        return new BpmnError(VoiceSteps.CALL_FAILED, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
