package dev.replyflow.automation;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.contact.ContactBlocked;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.MarketingConsentChanged;

/**
 * Opt-out and block end automations: a blocked contact's running automations all end (but the one that blocked
 * it); a revoked marketing consent ends the contact's marketing automations, the processes carrying
 * {@code camunda:property name="replyflow.category" value="marketing"} (replyflow.automation.stop-on-consent-revoked:
 * marketing | all | none). The change schedules the stop as a duty in its own transaction: it survives a crash.
 */
@Component
public class AutomationStopper implements Duties.Duty {

    public static final String CATEGORY_PROPERTY = "replyflow.category";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ContactRepository contacts;
    private final Duties duties;
    private final String onConsentRevoked;

    public AutomationStopper(RuntimeService runtime, RepositoryService repository, ContactRepository contacts,
            Duties duties, @Value("${replyflow.automation.stop-on-consent-revoked:marketing}") String onConsentRevoked) {
        this.runtime = runtime;
        this.repository = repository;
        this.contacts = contacts;
        this.duties = duties;
        this.onConsentRevoked = onConsentRevoked.toLowerCase(Locale.ROOT);
    }

    /** @param except the process key that stays (the automation that blocked the contact), or null */
    private record Stop(long contactId, String reason, boolean marketingOnly, String except) {
    }

    @EventListener
    public void onBlocked(ContactBlocked event) {
        String blockingKey = event.actor() != null && event.actor().startsWith("automation:")
                ? event.actor().substring("automation:".length()) : null;
        duties.schedule(name(), new Stop(event.contactId(), "contact blocked", false, blockingKey));
    }

    @EventListener
    public void onConsent(MarketingConsentChanged event) {
        if (event.granted() || onConsentRevoked.equals("none")) {
            return;
        }
        duties.schedule(name(), new Stop(event.contactId(), "marketing consent revoked", !onConsentRevoked.equals("all"),
                null));
    }

    @Override
    public String name() {
        return "stop-automations";
    }

    @Override
    public void perform(JsonNode payload) {
        Stop stop = JSON.convertValue(payload, Stop.class);
        contacts.findById(stop.contactId()).ifPresent(contact -> {
            List<String> ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(contact.getPhone()).list()
                    .stream().filter(instance -> !processKey(instance).equals(stop.except()))
                    .filter(instance -> !stop.marketingOnly() || isMarketing(instance)).map(ProcessInstance::getId).toList();
            if (!ids.isEmpty()) {
                runtime.deleteProcessInstances(ids, stop.reason(), false, true);
            }
        });
    }

    private String processKey(ProcessInstance instance) {
        return repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey();
    }

    private boolean isMarketing(ProcessInstance instance) {
        var model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        return model.getModelElementsByType(Process.class).stream()
                .flatMap(p -> p.getExtensionElements() == null ? java.util.stream.Stream.empty()
                        : p.getExtensionElements().getElementsQuery().filterByType(
                                org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream())
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .anyMatch((CamundaProperty p) -> CATEGORY_PROPERTY.equals(p.getCamundaName()) && "marketing".equals(p.getCamundaValue()));
    }
}
