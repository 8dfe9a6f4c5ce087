package dev.replyflow.messaging.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.delivery.HandOff;
import dev.replyflow.messaging.Inbound;
import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.messaging.InboundMessages;
import dev.replyflow.messaging.InboundRoute;
import dev.replyflow.messaging.MessageStatuses;

/**
 * What a stored WhatsApp delivery leads to: the messages it cannot take kept as rejected, each message stored
 * (deduplicated by its wamid) and routed, the statuses applied. At once after the delivery's commit, its messages are
 * routed in the same transaction, once all of them are stored; when its job runs it instead (that failed, or the node
 * stopped), each message is stored with a routing duty of its own, so a message whose routing keeps failing is still
 * stored and shown, its routing job the incident.
 */
@Component
class WhatsAppHandOff implements HandOff<JsonNode> {

    private final InboundMessages inbound;
    private final InboundRoute route;
    private final MessageStatuses statuses;
    private final PhoneNumbers phoneNumbers;
    private final RejectedInbound rejected;

    WhatsAppHandOff(InboundMessages inbound, InboundRoute route, MessageStatuses statuses, PhoneNumbers phoneNumbers,
            RejectedInbound rejected) {
        this.inbound = inbound;
        this.route = route;
        this.statuses = statuses;
        this.phoneNumbers = phoneNumbers;
        this.rejected = rejected;
    }

    @Override
    public String name() {
        return "whatsapp";
    }

    @Override
    public Class<JsonNode> payloadType() {
        return JsonNode.class;
    }

    @Override
    public void run(JsonNode delivery) {
        store(WebhookPayload.parse(delivery), false);
    }

    @Override
    public void runAtOnce(JsonNode delivery) {
        store(WebhookPayload.parse(delivery), true).values().forEach(route::routeStored);
    }

    /**
     * Stores the delivery whole, in the caller's transaction.
     * @return each contact that wrote, with its messages stored, to be routed by the caller (none unless asked)
     */
    Map<Long, List<InboundMessageReceived>> store(WebhookPayload payload, boolean callerRoutes) {
        for (WebhookPayload.Rejected r : payload.rejected) {
            rejected.keep("whatsapp", r.waMessageId(), r.from(), r.reason(), r.body());
        }
        Map<Long, List<InboundMessageReceived>> toRoute = new LinkedHashMap<>();
        for (WebhookPayload.ParsedMessage m : payload.messages) {
            String from;
            try {
                from = phoneNumbers.toE164("+" + m.from());
            } catch (IllegalArgumentException e) {
                rejected.keep("whatsapp", m.waMessageId(), m.from(), "sender " + m.from() + " is not a valid phone number: "
                        + e.getMessage(), m.toString());
                continue;
            }
            Inbound in = new Inbound(m.waMessageId(), from, m.profileName(), m.timestamp(), m.type(), m.text(), m.payload());
            if (callerRoutes) {
                inbound.receiveToRoute(in).ifPresent(stored -> toRoute.computeIfAbsent(stored.contactId(),
                        contact -> new ArrayList<>()).add(stored));
            } else {
                inbound.receive(in);
            }
        }
        for (WebhookPayload.ParsedStatus s : payload.statuses) {
            if (s.status() != null) {
                statuses.apply(s.waMessageId(), s.status(), s.timestamp(), s.errorCode(), s.errorTitle(), s.reference());
            }
        }
        return toRoute;
    }
}
