package dev.replyflow.automation.steps;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.contact.ContactRepository;

/**
 * A step acting on the instance's contact: the variable {@code contactId}, or else the contact whose phone is
 * the business key. Parameters are the step's input parameters (local variables).
 */
public abstract class ContactStep implements JavaDelegate {

    private final ContactRepository contacts;

    protected ContactStep(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        execute(execution, contactId(execution));
    }

    protected abstract void execute(DelegateExecution execution, Long contactId) throws Exception;

    protected Long contactId(DelegateExecution execution) {
        return contactId(StepInputs.of(execution), contacts);
    }

    /** The instance's contact: the variable contactId, else the contact whose phone is the business key. */
    public static Long contactId(StepInputs inputs, ContactRepository contacts) {
        Object id = inputs.variable("contactId");
        if (id instanceof Number number) {
            return number.longValue();
        }
        if (id instanceof String text && !text.isBlank()) {
            return Long.valueOf(text.strip());
        }
        String phone = inputs.businessKey();
        return contacts.findByPhone(phone == null ? "" : phone).orElseThrow(() -> new IllegalStateException(
                "No contact for this automation: set the variable contactId or start it with the contact's phone as business key"))
                .getId();
    }

    /** This execution of the step, the same for every retry (see StepInputs.visitKey). */
    public static String visitKey(DelegateExecution execution) {
        return StepInputs.of(execution).visitKey();
    }

    protected static String text(DelegateExecution execution, String parameter) {
        return StepInputs.of(execution).text(parameter);
    }

    /** A LINES parameter: a list variable, or text with one item per line. */
    protected static List<String> lines(DelegateExecution execution, String parameter) {
        return StepInputs.of(execution).lines(parameter);
    }
}
