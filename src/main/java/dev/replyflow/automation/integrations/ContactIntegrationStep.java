package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.delegate.BpmnError;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.calls.RemoteCallStep;
import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.automation.steps.ContactStep;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/**
 * An integration step that passes the instance's contact to a service. A refusal becomes the BPMN error
 * {@code integration-failed}; an unavailable service is retried on the engine's retry cycle, then an incident.
 */
abstract class ContactIntegrationStep<R> extends RemoteCallStep<R> {

    private final ContactRepository repository;
    private final ContactService contacts;

    protected ContactIntegrationStep(Step step, ContactRepository repository, ContactService contacts) {
        super(step);
        this.repository = repository;
        this.contacts = contacts;
    }

    @Override
    protected final R prepare(StepInputs inputs) {
        return prepare(inputs, ContactDetails.of(contacts.require(ContactStep.contactId(inputs, repository))));
    }

    protected abstract R prepare(StepInputs inputs, ContactDetails contact);

    @Override
    protected BpmnError bpmnErrorFor(RuntimeException e) {
        return IntegrationRejectedException.bpmnErrorFor(e);
    }
}
