package dev.replyflow.delivery;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * One signed webhook as {@link SignedDeliveries} runs it: how large its deliveries may be, how their signature is
 * checked, how they are read, which ids make a delivery a duplicate, and how one is stored with its hand-off duty.
 *
 * @param <D> a delivery as read
 * @param <A> the answer to the sender once the delivery is stored
 */
public interface SignedWebhook<D, A> {

    /** The sender, in answers and logs: "WhatsApp webhook". */
    String name();

    /** The namespace of its delivery keys: "shopify", "twilio-voice" (at most 20 characters). */
    String source();

    int maxBytes();

    /** The header carrying the signature, named by the 401 of a delivery whose signature does not match. */
    String signatureHeader();

    /** Whether the raw delivery carries a valid signature; false when no secret is configured (log why). */
    boolean signed(HttpServletRequest request, byte[] body);

    /** @throws dev.replyflow.web.ApiException a 400 naming the field at fault: nothing is stored */
    D read(HttpServletRequest request, byte[] body);

    /**
     * The source's ids of this delivery (its delivery id, its event's id): once one of them was stored, the delivery is
     * a duplicate and changes nothing. Empty: nothing to dedupe here (WhatsApp dedupes each message by its wamid).
     */
    default List<String> keys(D delivery) {
        return List.of();
    }

    /** The answer to a duplicate delivery. */
    A duplicate(D delivery);

    /**
     * Stores the delivery and its hand-off duty ({@link HandOffs#handOff}), in the pipeline's transaction: no remote call,
     * no transaction of its own. A {@link org.springframework.dao.DataIntegrityViolationException} retries it whole.
     */
    A store(D delivery);
}
