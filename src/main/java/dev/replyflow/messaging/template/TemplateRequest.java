package dev.replyflow.messaging.template;

import java.util.List;

import dev.replyflow.billing.ConversationCategory;

/** The body of POST /api/templates. */
public record TemplateRequest(String name, String language, ConversationCategory category, Header header, String body,
        String footer, List<TemplateButton> buttons, Template.Status status) {

    public record Header(Template.HeaderType type, String text, String link) {
    }
}
