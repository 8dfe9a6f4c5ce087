package dev.replyflow.messaging.cloudapi;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.OutboundMessage.ButtonParameter;
import dev.replyflow.messaging.gateway.OutboundMessage.Buttons;
import dev.replyflow.messaging.gateway.OutboundMessage.Content;
import dev.replyflow.messaging.gateway.OutboundMessage.Header;
import dev.replyflow.messaging.gateway.OutboundMessage.ListMenu;
import dev.replyflow.messaging.gateway.OutboundMessage.Media;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaHeader;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaType;
import dev.replyflow.messaging.gateway.OutboundMessage.Template;
import dev.replyflow.messaging.gateway.OutboundMessage.Text;
import dev.replyflow.messaging.gateway.OutboundMessage.TextHeader;

/**
 * Turns an {@link OutboundMessage} into the JSON body of the Cloud API's {@code POST /{phone-number-id}/messages}.
 * Optional parts are left out rather than sent as null: the Graph API rejects {@code "caption": null} and
 * empty template components with error 100.
 */
class MessageRequestBuilder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** @throws IllegalArgumentException when the message cannot be expressed as a Cloud API request */
    ObjectNode build(OutboundMessage message) {
        if (message == null || message.content() == null) {
            throw new IllegalArgumentException("a message with content is required");
        }
        ObjectNode body = JSON.objectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", recipient(message.to()));
        Content content = message.content();
        if (content instanceof Text text) {
            text(body, text);
        } else if (content instanceof Template template) {
            template(body, template);
        } else if (content instanceof Buttons buttons) {
            buttons(body, buttons);
        } else if (content instanceof ListMenu list) {
            list(body, list);
        } else if (content instanceof Media media) {
            media(body, media);
        } else {
            throw new IllegalArgumentException("unsupported content " + content.getClass().getSimpleName());
        }
        if (message.reference() != null) {
            body.put("biz_opaque_callback_data", message.reference()); // echoed in this message's status webhooks
        }
        return body;
    }

    /** The Cloud API wants the international number as digits only. */
    private static String recipient(String e164) {
        if (e164 == null || e164.isBlank()) {
            throw new IllegalArgumentException("a recipient phone number is required");
        }
        String to = e164.strip();
        return to.startsWith("+") ? to.substring(1) : to;
    }

    private static void text(ObjectNode body, Text text) {
        String content = text.body() == null ? "" : text.body();
        body.put("type", "text");
        ObjectNode node = body.putObject("text");
        node.put("body", content);
        // WhatsApp renders a link preview only when asked; ask exactly when there is a link to preview
        String lower = content.toLowerCase(Locale.ROOT);
        node.put("preview_url", lower.contains("http://") || lower.contains("https://"));
    }

    private static void template(ObjectNode body, Template template) {
        body.put("type", "template");
        ObjectNode node = body.putObject("template");
        node.put("name", template.name());
        node.putObject("language").put("code", template.language());
        ArrayNode components = JSON.arrayNode();
        if (template.header() != null) {
            ObjectNode header = components.addObject();
            header.put("type", "header");
            header.putArray("parameters").add(headerParameter(template.header()));
        }
        List<String> bodyParameters = orEmpty(template.bodyParameters());
        if (!bodyParameters.isEmpty()) {
            ObjectNode component = components.addObject();
            component.put("type", "body");
            ArrayNode parameters = component.putArray("parameters");
            bodyParameters.forEach(value -> parameters.addObject().put("type", "text").put("text", value));
        }
        for (ButtonParameter button : orEmpty(template.buttons())) {
            components.add(buttonComponent(button));
        }
        // a template without variables is sent by name alone
        if (!components.isEmpty()) {
            node.set("components", components);
        }
    }

    private static ObjectNode headerParameter(Header header) {
        ObjectNode parameter = JSON.objectNode();
        if (header instanceof TextHeader text) {
            parameter.put("type", "text").put("text", text.text());
        } else if (header instanceof MediaHeader media) {
            if (media.type() == MediaType.AUDIO) {
                throw new IllegalArgumentException("a template header can be an image, a document or a video, not audio");
            }
            String type = typeName(media.type());
            parameter.put("type", type);
            ObjectNode link = parameter.putObject(type);
            link.put("link", media.link());
            if (media.type() == MediaType.DOCUMENT && hasText(media.filename())) {
                link.put("filename", media.filename());
            }
        }
        return parameter;
    }

    private static ObjectNode buttonComponent(ButtonParameter button) {
        if (button.kind() == null) {
            throw new IllegalArgumentException("template button " + button.index() + " has no kind");
        }
        ObjectNode component = JSON.objectNode();
        component.put("type", "button");
        // the index must be a string, and it is the button's position in the approved template
        component.put("sub_type", button.kind() == OutboundMessage.ButtonKind.QUICK_REPLY ? "quick_reply" : "url");
        component.put("index", String.valueOf(button.index()));
        ObjectNode parameter = component.putArray("parameters").addObject();
        if (button.kind() == OutboundMessage.ButtonKind.QUICK_REPLY) {
            parameter.put("type", "payload").put("payload", button.value());
        } else {
            parameter.put("type", "text").put("text", button.value());
        }
        return component;
    }

    private static void buttons(ObjectNode body, Buttons buttons) {
        ObjectNode interactive = interactive(body, "button", buttons.header(), buttons.body(), buttons.footer());
        ArrayNode replies = interactive.putObject("action").putArray("buttons");
        orEmpty(buttons.buttons()).forEach(button -> {
            ObjectNode reply = replies.addObject();
            reply.put("type", "reply");
            reply.putObject("reply").put("id", button.id()).put("title", button.title());
        });
    }

    private static void list(ObjectNode body, ListMenu list) {
        ObjectNode interactive = interactive(body, "list", list.header(), list.body(), list.footer());
        ObjectNode action = interactive.putObject("action");
        action.put("button", list.buttonLabel());
        ArrayNode sections = action.putArray("sections");
        orEmpty(list.sections()).forEach(section -> {
            ObjectNode node = sections.addObject();
            // a title is only required when there are several sections
            if (hasText(section.title())) {
                node.put("title", section.title());
            }
            ArrayNode rows = node.putArray("rows");
            orEmpty(section.rows()).forEach(row -> {
                ObjectNode rowNode = rows.addObject().put("id", row.id()).put("title", row.title());
                if (hasText(row.description())) {
                    rowNode.put("description", row.description());
                }
            });
        });
    }

    /** Header, body and footer are shared by reply buttons and lists. */
    private static ObjectNode interactive(ObjectNode body, String type, String header, String text, String footer) {
        body.put("type", "interactive");
        ObjectNode interactive = body.putObject("interactive");
        interactive.put("type", type);
        if (hasText(header)) {
            interactive.putObject("header").put("type", "text").put("text", header);
        }
        interactive.putObject("body").put("text", text);
        if (hasText(footer)) {
            interactive.putObject("footer").put("text", footer);
        }
        return interactive;
    }

    private static void media(ObjectNode body, Media media) {
        if (media.type() == null) {
            throw new IllegalArgumentException("a media message needs a type");
        }
        String type = typeName(media.type());
        body.put("type", type);
        ObjectNode node = body.putObject(type);
        node.put("link", media.link());
        // WhatsApp refuses a caption on audio, so it is dropped rather than failing the whole message
        if (media.type() != MediaType.AUDIO && hasText(media.caption())) {
            node.put("caption", media.caption());
        }
        if (media.type() == MediaType.DOCUMENT && hasText(media.filename())) {
            node.put("filename", media.filename());
        }
    }

    private static String typeName(MediaType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
