package dev.replyflow.automation.outbound;

import java.net.URI;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** Send Webhook to Make: only a Make custom webhook, https://hook.<zone>.make.com/…. */
@Component(OutboundSteps.MAKE_BEAN)
class MakeStep extends WebhookStep {

    static final String DOMAIN = ".make.com";

    MakeStep(ContactRepository repository, ContactService contacts, WebhookClient client) {
        super(OutboundSteps.MAKE, repository, contacts, client);
    }

    @Override
    String urlProblem(URI url) {
        boolean make = "https".equalsIgnoreCase(url.getScheme()) && url.getHost().toLowerCase(Locale.ROOT).endsWith(DOMAIN);
        return make ? null : "the URL must be a Make webhook, https://<hook>" + DOMAIN + "/…";
    }
}
