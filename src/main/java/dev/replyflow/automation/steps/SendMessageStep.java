package dev.replyflow.automation.steps;

import dev.replyflow.automation.StepNames;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.StepCatalogue;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.messaging.Message;
import dev.replyflow.messaging.MessageSender;
import dev.replyflow.messaging.SendFailedException;
import dev.replyflow.messaging.SendRequest;
import dev.replyflow.web.ApiException;

/**
 * Send Message. Its idempotency key is the step's visit (process instance, activity, how many times it has
 * completed before), the same for every retry of one execution and new for each pass of a loop, so a retried
 * job never sends or charges twice. Refusals become BPMN errors an analyst can catch; WhatsApp being busy fails
 * the job so that the engine retries it; a misconfiguration (unknown template …) becomes an incident.
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
        String key = "step:" + visitKey(execution);
        SendRequest request = SendMessageInputs.from(execution);
        try {
            Message message = sender.send(contactId, request, key);
            execution.setVariable("lastMessageId", message.getId());
        } catch (SendFailedException e) {
            if (e.retryable()) {
                throw e;
            }
            throw new BpmnError(MessageSender.FAILED, e.getMessage());
        } catch (ApiException e) {
            boolean catchable = e.code() != null && StepCatalogue.byDelegate(StepNames.SEND_MESSAGE).orElseThrow().errors().contains(e.code());
            if (catchable) {
                throw new BpmnError(e.code(), e.getMessage());
            }
            throw new IllegalStateException("Send Message " + activity + ": " + e.getMessage(), e);
        }
    }
}
