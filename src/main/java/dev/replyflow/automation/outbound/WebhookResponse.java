package dev.replyflow.automation.outbound;

import java.nio.charset.StandardCharsets;

/** The receiver's answer; {@code body} holds at most {@link WebhookClient#MAX_RESPONSE_BYTES} + 1 bytes. */
record WebhookResponse(int status, byte[] body, String location) {

    boolean isTooLarge() {
        return body.length > WebhookClient.MAX_RESPONSE_BYTES;
    }

    /** The start of the body, for an error message. */
    String excerpt() {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(empty body)" : text + (body.length > 200 ? "…" : "");
    }
}
