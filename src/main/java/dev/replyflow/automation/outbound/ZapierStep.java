package dev.replyflow.automation.outbound;

import java.net.URI;

import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** Zapier: only a Zap's Catch Hook, https://hooks.zapier.com/… (the contact's data goes to Zapier only). */
@Component(OutboundSteps.ZAPIER_BEAN)
class ZapierStep extends WebhookStep {

    static final String HOST = "hooks.zapier.com";

    ZapierStep(ContactRepository repository, ContactService contacts, WebhookClient client) {
        super(OutboundSteps.ZAPIER, repository, contacts, client);
    }

    @Override
    String urlProblem(URI url) {
        boolean zapier = "https".equalsIgnoreCase(url.getScheme()) && HOST.equalsIgnoreCase(url.getHost());
        return zapier ? null : "the URL must be a Zapier Catch Hook, https://" + HOST + "/…";
    }
}
