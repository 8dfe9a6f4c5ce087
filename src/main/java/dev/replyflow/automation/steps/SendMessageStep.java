package dev.replyflow.automation.steps;

import dev.replyflow.automation.StepNames;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.StepCatalogue;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.messaging.MessageSender;
import dev.replyflow.messaging.SendRequest;
import dev.replyflow.web.ApiException;

/**
 * Send Message. Decides and records the message (rules, charge, PENDING) in the engine's own transaction and moves on;
 * the sender pool hands it to WhatsApp once that commits, so no job waits on WhatsApp or holds a second connection,
 * and a rolled-back job leaves nothing behind to send twice. Refusals become BPMN errors an analyst can catch; a
 * misconfiguration (unknown template …) becomes an incident. WhatsApp refusing the message for good (after the
 * step moved on) fails and refunds it and raises an incident on the instance (SendFailedIncidents).
 */
@Component(StepNames.SEND_MESSAGE)
class SendMessageStep extends ContactStep {

    private final MessageSender sender;

    SendMessageStep(ContactRepository contacts, MessageSender sender) {
        super(contacts);
        this.sender = sender;
    }

    @Override
    protected void execute(DelegateExecution execution, Long contactId) {
        String activity = execution.getCurrentActivityId();
        // one key per visit of the step: its record commits with the step, so a retried job never finds an earlier one
        String key = "step:" + execution.getActivityInstanceId();
        SendRequest request = SendMessageInputs.from(execution);
        try {
            sender.record(contactId, request, key, execution.getProcessInstanceId()); // the message names its instance (EarlyReplies)
        } catch (ApiException e) {
            boolean catchable = e.code() != null && StepCatalogue.byDelegate(StepNames.SEND_MESSAGE).orElseThrow().errors().contains(e.code());
            if (catchable) {
                throw new BpmnError(e.code(), e.getMessage());
            }
            throw new IllegalStateException("Send Message " + activity + ": " + e.getMessage(), e);
        }
    }
}
