package dev.replyflow.messaging.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.messaging.MessageStatus;

/**
 * Reads a WhatsApp Cloud API webhook delivery: customer messages of every type (each with a text and a
 * payload for automations) and status reports. Phones stay as WhatsApp gives them (digits, no "+").
 */
final class WebhookPayload {

    record ParsedMessage(String waMessageId, String from, String profileName, Instant timestamp, String type, String text,
            String payload) {
    }

    record ParsedStatus(String waMessageId, MessageStatus status, Instant timestamp, Integer errorCode, String errorTitle,
            String reference) {
    }

    /** The delivery as read, what its hand-off stores. */
    final JsonNode root;
    final List<ParsedMessage> messages = new ArrayList<>();
    final List<ParsedStatus> statuses = new ArrayList<>();
    /** Messages of the delivery that cannot be taken, with why: kept apart, never sinking the others. */
    final List<Rejected> rejected = new ArrayList<>();

    record Rejected(String waMessageId, String from, String reason, String body) {
    }

    private WebhookPayload(JsonNode root) {
        this.root = root;
    }

    /** @throws IllegalArgumentException when the delivery is not of the Cloud API's shape */
    static WebhookPayload parse(JsonNode root) {
        JsonNode entries = root.path("entry");
        if (!root.isObject() || !entries.isArray()) {
            throw new IllegalArgumentException("expected an object with an 'entry' array");
        }
        WebhookPayload payload = new WebhookPayload(root);
        for (JsonNode entry : entries) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                value.path("contacts").forEach(c -> names.put(c.path("wa_id").asText(), c.path("profile").path("name").asText(null)));
                for (JsonNode m : value.path("messages")) {
                    try {
                        payload.messages.add(message(m, names));
                    } catch (IllegalArgumentException unusable) {
                        payload.rejected.add(new Rejected(m.path("id").asText(null), m.path("from").asText(null),
                                unusable.getMessage(), m.toString()));
                    }
                }
                for (JsonNode s : value.path("statuses")) {
                    payload.statuses.add(status(s));
                }
            }
        }
        return payload;
    }

    private static ParsedMessage message(JsonNode m, Map<String, String> names) {
        String id = required(m, "id");
        String from = required(m, "from");
        String type = m.path("type").asText("unsupported");
        JsonNode body = m.path(type);
        String text;
        String payload = null;
        switch (type) {
            case "text" -> text = body.path("body").asText("");
            case "button" -> {
                text = body.path("text").asText("");
                payload = body.path("payload").asText(null);
            }
            case "interactive" -> {
                JsonNode reply = body.has("button_reply") ? body.path("button_reply") : body.path("list_reply");
                text = reply.path("title").asText("");
                payload = reply.path("id").asText(null);
            }
            case "image", "video", "document", "audio", "sticker" -> {
                text = body.path("caption").asText(body.path("filename").asText(""));
                payload = body.path("id").asText(null);
            }
            case "location" -> {
                text = String.join(", ", nonBlank(body.path("name").asText(""), body.path("address").asText(""),
                        body.path("latitude").asText("") + "," + body.path("longitude").asText("")));
                payload = body.path("latitude").asText("") + "," + body.path("longitude").asText("");
            }
            case "reaction" -> {
                text = body.path("emoji").asText("");
                payload = body.path("message_id").asText(null);
            }
            case "contacts" -> text = body.path(0).path("name").path("formatted_name").asText("");
            default -> {
                type = "unsupported";
                text = "";
            }
        }
        return new ParsedMessage(id, from, names.get(from), timestamp(m), type, text, payload);
    }

    private static ParsedStatus status(JsonNode s) {
        MessageStatus status = switch (s.path("status").asText("").toLowerCase(Locale.ROOT)) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "failed" -> MessageStatus.FAILED;
            default -> null; // e.g. "deleted" or new statuses: nothing to move
        };
        JsonNode error = s.path("errors").path(0);
        Integer code = error.has("code") ? error.path("code").asInt() : null;
        String title = error.isMissingNode() ? null
                : String.join(": ", nonBlank(error.path("title").asText(""), error.path("error_data").path("details").asText("")));
        String reference = s.path("biz_opaque_callback_data").isTextual() ? s.path("biz_opaque_callback_data").asText() : null;
        return new ParsedStatus(required(s, "id"), status, timestamp(s), code, title, reference);
    }

    /** 9999-12-31T23:59:59Z. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static Instant timestamp(JsonNode node) {
        String seconds = node.path("timestamp").asText("");
        try {
            long value = seconds.isEmpty() ? 0 : Long.parseLong(seconds);
            // beyond year 9999 no database column holds it: a malformed delivery, not a server error
            if (value < 0 || value > MAX_EPOCH_SECOND) {
                throw new NumberFormatException();
            }
            return seconds.isEmpty() ? null : Instant.ofEpochSecond(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timestamp '" + seconds + "' is not epoch seconds");
        }
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a message or status without '" + field + "'");
        }
        return value;
    }

    private static List<String> nonBlank(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> !p.isBlank() && !p.equals(",")).toList();
    }
}
