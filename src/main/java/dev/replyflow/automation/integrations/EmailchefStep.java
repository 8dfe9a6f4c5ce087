package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** Emailchef: adds the contact to a list (or updates it there); its Emailchef id goes into emailchefContactId. */
@Component(IntegrationSteps.EMAILCHEF_BEAN)
class EmailchefStep extends ContactIntegrationStep {

    static final String CONTACT_ID_VARIABLE = "emailchefContactId";

    private final EmailchefClient client;

    EmailchefStep(ContactRepository repository, ContactService contacts, EmailchefClient client) {
        super(repository, contacts);
        this.client = client;
    }

    @Override
    protected void run(DelegateExecution execution, ContactDetails contact) {
        String id = client.addToList(text(execution, "list"), contact);
        if (id != null) {
            execution.setVariable(CONTACT_ID_VARIABLE, id);
        }
    }
}
