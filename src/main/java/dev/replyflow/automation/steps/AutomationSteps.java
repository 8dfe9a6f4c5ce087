package dev.replyflow.automation.steps;

import dev.replyflow.automation.StepNames;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactRequest;
import dev.replyflow.contact.ContactService;

/** The steps that start, stop and block: they act on the contact's other automations. */
final class AutomationSteps {

    private AutomationSteps() {
    }

    /** Ends the contact's running automations other than this one: all, or those of the given process keys. */
    static int stopOthers(RuntimeService runtime, DelegateExecution execution, String phone, List<String> keys, String reason) {
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processInstanceBusinessKey(phone);
        if (!keys.isEmpty()) {
            query.processDefinitionKeyIn(keys.toArray(String[]::new));
        }
        List<String> others = query.list().stream().map(ProcessInstance::getId)
                .filter(id -> !id.equals(execution.getProcessInstanceId())).toList();
        if (!others.isEmpty()) {
            runtime.deleteProcessInstances(others, reason, false, true);
        }
        return others.size();
    }

    @Component(StepNames.START_AUTOMATION)
    static class StartAutomation extends ContactStep {
        private final ContactService contacts;

        StartAutomation(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            Contact contact = contacts.require(contactId);
            String key = text(execution, "automation");
            execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(key, contact.getPhone(),
                    Map.of("contactId", contactId, "contactPhone", contact.getPhone()));
        }
    }

    @Component(StepNames.STOP_AUTOMATIONS)
    static class StopAutomations extends ContactStep {
        private final ContactService contacts;

        StopAutomations(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            stopOthers(execution.getProcessEngineServices().getRuntimeService(), execution,
                    contacts.require(contactId).getPhone(), lines(execution, "automations"),
                    "stopped by " + ContactSteps.actor(execution));
        }
    }

    @Component(StepNames.BLOCK_CONTACT)
    static class BlockContact extends ContactStep {
        private final ContactService contacts;

        BlockContact(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            var contact = contacts.update(contactId, new ContactRequest(null, null, null, null, null, true, null, null, null),
                    ContactSteps.actor(execution));
            stopOthers(execution.getProcessEngineServices().getRuntimeService(), execution, contact.phone(), List.of(),
                    "contact blocked by " + ContactSteps.actor(execution));
        }
    }

    @Component(StepNames.UNBLOCK_CONTACT)
    static class UnblockContact extends ContactStep {
        private final ContactService contacts;

        UnblockContact(ContactRepository repository, ContactService contacts) {
            super(repository);
            this.contacts = contacts;
        }

        @Override
        protected void execute(DelegateExecution execution, Long contactId) {
            contacts.update(contactId, new ContactRequest(null, null, null, null, null, false, null, null, null),
                    ContactSteps.actor(execution));
        }
    }
}
