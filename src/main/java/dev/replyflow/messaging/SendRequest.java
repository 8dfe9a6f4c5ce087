package dev.replyflow.messaging;

import java.util.List;

import dev.replyflow.messaging.gateway.OutboundMessage;

/**
 * What to send: a {@code template} (with {@code language}, {@code parameters} and, for a URL button ending in
 * {{1}}, {@code urlSuffix}), or free content for the 24h window: {@code text}, optionally with reply
 * {@code buttons} or a {@code list} menu, or {@code media} by link (the text is then its caption).
 */
public record SendRequest(String text, String template, String language, List<String> parameters, String urlSuffix,
        List<OutboundMessage.Button> buttons, Media media, ListMenu list) {

    public record Media(OutboundMessage.MediaType type, String link, String filename) {
    }

    /** A list menu under the text: {@code button} opens it; the customer's choice comes back with the row's id. */
    public record ListMenu(String button, List<OutboundMessage.Section> sections) {
    }

    public static SendRequest text(String text) {
        return new SendRequest(text, null, null, null, null, null, null, null);
    }

    public static SendRequest template(String template, String language, List<String> parameters) {
        return new SendRequest(null, template, language, parameters, null, null, null, null);
    }
}
