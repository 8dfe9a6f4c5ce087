package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/**
 * An integration step that passes the instance's contact to a service. A refusal becomes the BPMN error
 * {@code integration-failed}; an unavailable service fails the job (retries, then an incident).
 */
abstract class ContactIntegrationStep extends ContactStep {

    private final ContactService contacts;

    protected ContactIntegrationStep(ContactRepository repository, ContactService contacts) {
        super(repository);
        this.contacts = contacts;
    }

    @Override
    protected final void execute(DelegateExecution execution, Long contactId) {
        try {
            run(execution, ContactDetails.of(contacts.require(contactId)));
        } catch (IntegrationRejectedException e) {
            throw e.toBpmnError();
        }
    }

    protected abstract void run(DelegateExecution execution, ContactDetails contact);
}
