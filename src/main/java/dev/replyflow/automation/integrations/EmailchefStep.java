package dev.replyflow.automation.integrations;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** Emailchef: adds the contact to a list (or updates it there); its Emailchef id goes into emailchefContactId. */
@Component(IntegrationSteps.EMAILCHEF_BEAN)
class EmailchefStep extends ContactIntegrationStep<EmailchefStep.Addition> {

    static final String CONTACT_ID_VARIABLE = "emailchefContactId";

    record Addition(String list, ContactDetails contact) {
    }

    private final EmailchefClient client;

    EmailchefStep(ContactRepository repository, ContactService contacts, EmailchefClient client) {
        super(IntegrationSteps.EMAILCHEF, repository, contacts);
        this.client = client;
    }

    @Override
    protected Addition prepare(StepInputs inputs, ContactDetails contact) {
        client.requireConfigured();
        String list = inputs.text("list");
        EmailchefClient.listNumber(list);
        contact.requireEmail(EmailchefClient.SERVICE);
        return new Addition(list, contact);
    }

    @Override
    protected Map<String, Object> call(Addition addition) {
        String id = client.addToList(addition.list(), addition.contact());
        return id == null ? Map.of() : Map.of(CONTACT_ID_VARIABLE, id);
    }
}
