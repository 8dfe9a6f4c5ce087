package dev.replyflow.messaging;

import java.time.Instant;

/** One customer message as WhatsApp (or the sandbox) delivers it, already parsed. {@code from} is E.164. */
public record Inbound(String waMessageId, String from, String profileName, Instant timestamp, String type, String text,
        String payload) {
}
