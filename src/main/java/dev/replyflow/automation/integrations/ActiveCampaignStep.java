package dev.replyflow.automation.integrations;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.replyflow.automation.calls.BpmnErrorWithVariables;
import dev.replyflow.automation.calls.StepInputs;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** ActiveCampaign: syncs the contact (by email), and for add-tag also tags it there. */
@Component(IntegrationSteps.ACTIVE_CAMPAIGN_BEAN)
class ActiveCampaignStep extends ContactIntegrationStep<ActiveCampaignStep.Sync> {

    static final String CONTACT_ID_VARIABLE = "activeCampaignContactId";

    /** The contact to sync, and the tag to add (null for sync-contact). */
    record Sync(ContactDetails contact, String tag) {
    }

    private final ActiveCampaignClient client;

    ActiveCampaignStep(ContactRepository repository, ContactService contacts, ActiveCampaignClient client) {
        super(IntegrationSteps.ACTIVE_CAMPAIGN, repository, contacts);
        this.client = client;
    }

    @Override
    protected Sync prepare(StepInputs inputs, ContactDetails contact) {
        client.requireConfigured();
        String action = inputs.text("action");
        String tag = inputs.text("tag");
        boolean addTag = "add-tag".equals(action);
        if (!addTag && !"sync-contact".equals(action)) {
            throw new IntegrationRejectedException("ActiveCampaign step '" + inputs.activityId()
                    + "': the action must be sync-contact or add-tag, not '" + action + "'");
        }
        if (addTag && (tag == null || tag.isBlank())) {
            throw new IntegrationRejectedException("ActiveCampaign step '" + inputs.activityId()
                    + "': add-tag needs the parameter 'tag'");
        }
        contact.requireEmail(ActiveCampaignClient.SERVICE);
        return new Sync(contact, addTag ? tag.strip() : null);
    }

    @Override
    protected Map<String, Object> call(Sync sync) {
        Map<String, Object> synced = Map.of(CONTACT_ID_VARIABLE, client.syncContact(sync.contact()));
        if (sync.tag() != null) {
            try {
                client.addTag((String) synced.get(CONTACT_ID_VARIABLE), sync.tag());
            } catch (IntegrationRejectedException e) {
                // the contact is synced: its id stays known on the error path
                throw new BpmnErrorWithVariables(e.toBpmnError(), synced);
            }
        }
        return synced;
    }
}
