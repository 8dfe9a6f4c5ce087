package dev.replyflow.automation.steps;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

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
        Object id = execution.getVariable("contactId");
        if (id instanceof Number number) {
            return number.longValue();
        }
        if (id instanceof String text && !text.isBlank()) {
            return Long.valueOf(text.strip());
        }
        String phone = execution.getBusinessKey();
        return contacts.findByPhone(phone == null ? "" : phone).orElseThrow(() -> new IllegalStateException(
                "No contact for this automation: set the variable contactId or start it with the contact's phone as business key"))
                .getId();
    }

    /**
     * Names one execution of a step, the same for every retry of its job: processInstanceId:activityId:number of
     * visits of the activity that finished before. A failed attempt is rolled back with its job, leaving no finished
     * visit behind; a loop's next visit gets a new key. Steps that talk to the outside world use it as their
     * idempotency key. (Two visits running in parallel, a multi-instance step, would share one.)
     */
    public static String visitKey(DelegateExecution execution) {
        long earlier = execution.getProcessEngineServices().getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId()).activityId(execution.getCurrentActivityId())
                .finished().count();
        return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + earlier;
    }

    protected static String text(DelegateExecution execution, String parameter) {
        Object value = execution.getVariableLocal(parameter);
        return value == null ? null : value.toString();
    }

    /** A LINES parameter: a list variable, or text with one item per line. */
    protected static List<String> lines(DelegateExecution execution, String parameter) {
        Object value = execution.getVariableLocal(parameter);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(value.toString().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
