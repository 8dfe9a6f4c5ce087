package dev.replyflow.automation.outbound;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.replyflow.contact.ContactView;

/**
 * The JSON body of a webhook: {"event":"automation.step","automation","processInstanceId","step","contact":{…},
 * "variables":{…}}. Serialized once, so that the signature covers exactly the bytes that are sent.
 */
final class WebhookPayload {

    static final String EVENT = "automation.step";

    // a private mapper: the format is the receivers' contract, not whatever the application configures for its API
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookPayload() {
    }

    /** @param variables the chosen process variables, in the order the step lists them (null when not set) */
    static byte[] build(String automation, String processInstanceId, String step, ContactView contact,
            Map<String, Object> variables) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", EVENT);
        root.put("automation", automation);
        root.put("processInstanceId", processInstanceId);
        root.put("step", step);
        ObjectNode c = root.putObject("contact");
        c.put("id", contact.id());
        c.put("phone", contact.phone());
        c.put("name", contact.name());
        c.put("language", contact.language());
        contact.tags().forEach(c.putArray("tags")::add);
        c.set("fields", JSON.valueToTree(contact.fields()));
        c.put("marketingConsent", contact.marketingConsent());
        ObjectNode vars = root.putObject("variables");
        variables.forEach((name, value) -> vars.set(name, toJson(value)));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** A variable's value as JSON; a value Jackson cannot write (some Java object) goes as its text. */
    private static JsonNode toJson(Object value) {
        try {
            return JSON.valueToTree(value);
        } catch (IllegalArgumentException notSerializable) {
            return JSON.getNodeFactory().textNode(String.valueOf(value));
        }
    }
}
