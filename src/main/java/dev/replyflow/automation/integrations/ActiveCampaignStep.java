package dev.replyflow.automation.integrations;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** ActiveCampaign: syncs the contact (by email), and for add-tag also tags it there. */
@Component(IntegrationSteps.ACTIVE_CAMPAIGN_BEAN)
class ActiveCampaignStep extends ContactIntegrationStep {

    static final String CONTACT_ID_VARIABLE = "activeCampaignContactId";

    private final ActiveCampaignClient client;

    ActiveCampaignStep(ContactRepository repository, ContactService contacts, ActiveCampaignClient client) {
        super(repository, contacts);
        this.client = client;
    }

    @Override
    protected void run(DelegateExecution execution, ContactDetails contact) {
        client.requireConfigured();
        String action = text(execution, "action");
        String tag = text(execution, "tag");
        boolean addTag = "add-tag".equals(action);
        if (!addTag && !"sync-contact".equals(action)) {
            throw new IntegrationRejectedException("ActiveCampaign step '" + execution.getCurrentActivityId()
                    + "': the action must be sync-contact or add-tag, not '" + action + "'");
        }
        if (addTag && (tag == null || tag.isBlank())) {
            throw new IntegrationRejectedException("ActiveCampaign step '" + execution.getCurrentActivityId()
                    + "': add-tag needs the parameter 'tag'");
        }
        String id = client.syncContact(contact);
        execution.setVariable(CONTACT_ID_VARIABLE, id);
        if (addTag) {
            client.addTag(id, tag.strip());
        }
    }
}
