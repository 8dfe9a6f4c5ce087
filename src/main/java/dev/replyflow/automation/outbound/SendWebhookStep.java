package dev.replyflow.automation.outbound;

import java.net.URI;

import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** Send Webhook: any http(s) URL that passes the address guard. */
@Component(OutboundSteps.SEND_WEBHOOK_BEAN)
class SendWebhookStep extends WebhookStep {

    SendWebhookStep(ContactRepository repository, ContactService contacts, WebhookClient client) {
        super(OutboundSteps.SEND_WEBHOOK, repository, contacts, client);
    }

    @Override
    String urlProblem(URI url) {
        return null;
    }
}
