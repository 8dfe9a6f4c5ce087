package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts automations from their triggers, always with the contact's phone as business key and the variables
 * contactId and contactPhone: message start events (customer-message:&lt;phrase&gt;, non-working-hours, holiday)
 * and broadcast triggers modelled as signal start events (list-added:&lt;list&gt;, ticket-status:&lt;STATUS&gt;,
 * marketing-consent:granted|revoked, shop:&lt;event&gt;), which Camunda alone would start without a business key.
 * A blocked contact starts nothing.
 */
@Component
public class Triggers {

    public static final String CUSTOMER_MESSAGE = "customer-message:";

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final JdbcTemplate jdbc;

    public Triggers(RuntimeService runtime, RepositoryService repository, JdbcTemplate jdbc) {
        this.runtime = runtime;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /** Blocked means blocked: a blocked contact's messages and events are kept, but start no automation. */
    boolean isBlocked(String phone, Long contactId) {
        List<Boolean> blocked = contactId != null
                ? jdbc.queryForList("select blocked from contact where id = ?", Boolean.class, contactId)
                : jdbc.queryForList("select blocked from contact where phone = ?", Boolean.class, phone);
        return !blocked.isEmpty() && Boolean.TRUE.equals(blocked.get(0));
    }

    /** The phrase as analysts must write it and as customers' messages are compared: lower case, single spaces. */
    public static String phrase(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** @return whether an automation with this message start event exists and was started */
    public boolean startByMessage(String messageName, String phone, Long contactId, Map<String, Object> variables) {
        if (runtime.createEventSubscriptionQuery().eventType("message").eventName(messageName).count() == 0
                || isBlocked(phone, contactId)) {
            return false;
        }
        try {
            runtime.createMessageCorrelation(messageName).processInstanceBusinessKey(phone)
                    .setVariables(withContact(variables, phone, contactId)).correlateStartMessage();
            return true;
        } catch (MismatchingMessageCorrelationException notAStartEvent) {
            return false; // only waiting executions subscribe to that name
        }
    }

    /** Starts every latest automation whose signal start event has this name, for this contact. @return how many */
    public int startBySignal(String signalName, String phone, Long contactId, Map<String, Object> variables) {
        deliverToWaiting(signalName, phone, variables);
        if (runtime.createEventSubscriptionQuery().eventType("signal").eventName(signalName).count() == 0
                || isBlocked(phone, contactId)) {
            return 0; // no automation listens to it (skip reading the models), or the contact is blocked
        }
        int started = 0;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().active().list()) {
            for (String startEvent : signalStartEvents(definition, signalName)) {
                runtime.createProcessInstanceById(definition.getId()).businessKey(phone)
                        .setVariables(withContact(variables, phone, contactId)).startBeforeActivity(startEvent).execute();
                started++;
            }
        }
        return started;
    }

    /**
     * The same event reaches the contact's running automations that wait for a message of that name (e.g. an
     * abandoned-cart automation's event subprocess on shop:order-created ends it when the customer buys).
     */
    private void deliverToWaiting(String eventName, String phone, Map<String, Object> variables) {
        for (Execution waiting : runtime.createExecutionQuery().processInstanceBusinessKey(phone)
                .messageEventSubscriptionName(eventName).list()) {
            runtime.messageEventReceived(eventName, waiting.getId(), variables);
        }
    }

    private List<String> signalStartEvents(ProcessDefinition definition, String signalName) {
        List<String> ids = new ArrayList<>();
        for (StartEvent start : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(StartEvent.class)) {
            for (SignalEventDefinition signal : start.getChildElementsByType(SignalEventDefinition.class)) {
                if (signal.getSignal() != null && signalName.equals(signal.getSignal().getName())
                        && start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process) {
                    ids.add(start.getId());
                }
            }
        }
        return ids;
    }

    private static Map<String, Object> withContact(Map<String, Object> variables, String phone, Long contactId) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("contactId", contactId);
        all.put("contactPhone", phone);
        return all;
    }
}
