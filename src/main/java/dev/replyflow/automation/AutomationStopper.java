package dev.replyflow.automation;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactBlocked;
import dev.replyflow.contact.MarketingConsentChanged;

/**
 * Opt-out and block end automations: a blocked contact's running automations all end (but the one that blocked
 * it); a revoked marketing consent ends the contact's marketing automations, the processes carrying
 * {@code camunda:property name="replyflow.category" value="marketing"} (replyflow.automation.stop-on-consent-revoked:
 * marketing | all | none).
 */
@Component
public class AutomationStopper {

    public static final String CATEGORY_PROPERTY = "replyflow.category";
    private static final Logger log = LoggerFactory.getLogger(AutomationStopper.class);

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TransactionTemplate tx;
    private final String onConsentRevoked;

    public AutomationStopper(RuntimeService runtime, RepositoryService repository, PlatformTransactionManager transactions,
            @Value("${replyflow.automation.stop-on-consent-revoked:marketing}") String onConsentRevoked) {
        this.runtime = runtime;
        this.repository = repository;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.onConsentRevoked = onConsentRevoked.toLowerCase(Locale.ROOT);
    }

    @EventListener
    public void onBlocked(ContactBlocked event) {
        String blockingKey = event.actor() != null && event.actor().startsWith("automation:")
                ? event.actor().substring("automation:".length()) : null;
        AfterCommit.run(() -> stop(event.phone(), event.contactId(), "contact blocked",
                instance -> !processKey(instance).equals(blockingKey)));
    }

    @EventListener
    public void onConsent(MarketingConsentChanged event) {
        if (event.granted() || onConsentRevoked.equals("none")) {
            return;
        }
        boolean all = onConsentRevoked.equals("all");
        AfterCommit.run(() -> stop(event.phone(), event.contactId(), "marketing consent revoked",
                instance -> all || isMarketing(instance)));
    }

    private void stop(String phone, Long contactId, String reason, java.util.function.Predicate<ProcessInstance> which) {
        try {
            tx.executeWithoutResult(status -> {
                List<String> ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(phone).list().stream()
                        .filter(which).map(ProcessInstance::getId).toList();
                if (!ids.isEmpty()) {
                    runtime.deleteProcessInstances(ids, reason, false, true);
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not end the automations of contact {} ({})", contactId, reason, e); // no phone in logs
        }
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
