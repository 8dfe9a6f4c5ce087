package dev.replyflow.delivery;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.replyflow.commits.SharedCommits;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one pipeline of the signed webhooks (WhatsApp, the shops, Twilio voice): read the body bounded (413), verify its
 * signature (401), read it (400), then in one transaction dedupe it by its keys and store it with its hand-off duty.
 * The answer comes only once that committed; what follows runs off the request (routing, automations: engine jobs
 * committed with the delivery). A race with a concurrent delivery (the same new contact, the same key) retries the
 * transaction, where a true duplicate is then seen as one; any other failure answers 500 so the sender delivers again.
 */
@Component
public class SignedDeliveries {

    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(SignedDeliveries.class);

    private final DeliveryKeys keys;
    private final SharedCommits commits;

    SignedDeliveries(DeliveryKeys keys, SharedCommits commits) {
        this.keys = keys;
        this.commits = commits;
    }

    public <D, A> A receive(HttpServletRequest request, SignedWebhook<D, A> webhook) throws IOException {
        byte[] body = DeliveryBodies.read(request, webhook.maxBytes(), webhook.name());
        if (!webhook.signed(request, body)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Invalid signature",
                    webhook.signatureHeader() + " is missing or does not match the delivery", webhook.signatureHeader());
        }
        D delivery = webhook.read(request, body);
        return store(webhook, delivery);
    }

    private <D, A> A store(SignedWebhook<D, A> webhook, D delivery) {
        List<String> ids = webhook.keys(delivery);
        for (int attempt = 1; ; attempt++) {
            try {
                // maybe in one transaction with other deliveries and starts that arrive meanwhile (SharedCommits)
                return commits.run(() -> keys.take(webhook.source(), ids) ? webhook.store(delivery)
                        : webhook.duplicate(delivery));
            } catch (DataIntegrityViolationException | ConcurrencyFailureException race) {
                if (attempt == ATTEMPTS) {
                    throw notStored(webhook, race);
                }
                log.debug("A {} delivery raced another one (attempt {}): {}", webhook.name(), attempt, race.getMessage());
            } catch (ApiException refused) {
                throw refused;
            } catch (RuntimeException unexpected) {
                throw notStored(webhook, unexpected);
            }
        }
    }

    /** Nothing was stored: a 5xx, so that the sender delivers it again (a 4xx would make it give up). */
    private static ApiException notStored(SignedWebhook<?, ?> webhook, RuntimeException cause) {
        log.error("A {} delivery could not be stored; answered 500 for the sender to deliver it again", webhook.name(), cause);
        ApiException failure = new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Delivery not stored",
                "The delivery could not be stored; deliver it again", null);
        failure.initCause(cause);
        return failure;
    }
}
