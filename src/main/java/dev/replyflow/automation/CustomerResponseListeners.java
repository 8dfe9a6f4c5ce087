package dev.replyflow.automation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches to every Customer Response, in either form (a receive task for the message customer-reply, or any activity
 * with a customer-reply message boundary event racing a timer boundary event), the early-reply check, and to its
 * timer boundary events (No Response) the late-reply bookkeeping.
 */
public class CustomerResponseListeners extends AbstractBpmnParseListener {

    private final ExecutionListener earlyReplies;
    private final ExecutionListener noResponse;

    public CustomerResponseListeners(ExecutionListener earlyReplies, ExecutionListener noResponse) {
        this.earlyReplies = earlyReplies;
        this.noResponse = noResponse;
    }

    @Override
    public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        Set<String> replyMessages = new HashSet<>();
        root.elements("message").stream().filter(m -> ReplyCorrelation.MESSAGE.equals(m.attribute("name")))
                .forEach(m -> replyMessages.add(m.attribute("id")));
        if (replyMessages.isEmpty()) {
            return;
        }
        for (Element process : root.elements("process")) {
            ProcessDefinitionEntity definition = processDefinitions.stream()
                    .filter(d -> d.getKey().equals(process.attribute("id"))).findFirst().orElse(null);
            if (definition != null) {
                attach(process, definition, replyMessages);
            }
        }
    }

    private void attach(Element scope, ProcessDefinitionEntity definition, Set<String> replyMessages) {
        for (Element element : scope.elements()) {
            if (element.getTagName().equals("subProcess")) {
                attach(element, definition, replyMessages);
            }
        }
        // both forms of the step: a receive task for customer-reply, or any activity with a customer-reply boundary event
        Set<String> hosts = new java.util.LinkedHashSet<>();
        for (Element element : scope.elements()) {
            if (element.getTagName().equals("receiveTask") && replyMessages.contains(element.attribute("messageRef"))) {
                hosts.add(element.attribute("id"));
            }
            Element message = element.getTagName().equals("boundaryEvent") ? element.element("messageEventDefinition") : null;
            if (message != null && replyMessages.contains(message.attribute("messageRef"))) {
                hosts.add(element.attribute("attachedToRef"));
            }
        }
        for (String host : hosts) {
            ActivityImpl activity = definition.findActivity(host);
            if (activity != null) {
                activity.addListener(ExecutionListener.EVENTNAME_START, earlyReplies);
            }
            for (Element boundary : scope.elements("boundaryEvent")) {
                ActivityImpl timer = definition.findActivity(boundary.attribute("id"));
                if (host.equals(boundary.attribute("attachedToRef")) && boundary.element("timerEventDefinition") != null
                        && timer != null) {
                    timer.addListener(ExecutionListener.EVENTNAME_START, noResponse);
                }
            }
        }
    }
}
