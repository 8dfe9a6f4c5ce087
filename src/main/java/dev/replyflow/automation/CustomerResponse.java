package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * A Customer Response step in a model, in either form: {@code elementId} is the receive task for customer-reply (then
 * {@code replyBoundaryId} is null), or the activity carrying a customer-reply message boundary event; {@code timerIds}
 * are its No Response timer boundary events.
 */
record CustomerResponse(String elementId, String replyBoundaryId, List<String> timerIds) {

    static List<CustomerResponse> find(BpmnModelInstance model) {
        List<CustomerResponse> found = new ArrayList<>();
        for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
            if (task.getMessage() != null && ReplyCorrelation.MESSAGE.equals(task.getMessage().getName())) {
                found.add(new CustomerResponse(task.getId(), null, timers(model, task.getId())));
            }
        }
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            boolean reply = boundary.getEventDefinitions().stream().anyMatch(d -> d instanceof MessageEventDefinition m
                    && m.getMessage() != null && ReplyCorrelation.MESSAGE.equals(m.getMessage().getName()));
            if (reply && boundary.getAttachedTo() != null) {
                String host = boundary.getAttachedTo().getId();
                found.add(new CustomerResponse(host, boundary.getId(), timers(model, host)));
            }
        }
        return found;
    }

    private static List<String> timers(BpmnModelInstance model, String hostId) {
        return model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo() != null && hostId.equals(b.getAttachedTo().getId()))
                .filter(b -> b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance))
                .map(BoundaryEvent::getId).toList();
    }
}
