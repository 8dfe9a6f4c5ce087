package dev.replyflow.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.web.ApiException;

/**
 * Reply buttons and list menus held to WhatsApp's limits before anything is stored or charged, so that a message the
 * Cloud API would refuse (error 100 or 131009) is a 400 naming the field instead. A Send Message step's literal
 * values were already checked at deploy time; this also covers the API and values from expressions.
 */
final class InteractiveContent {

    private InteractiveContent() {
    }

    static OutboundMessage.Buttons buttons(String text, List<OutboundMessage.Button> buttons) {
        body(text, "buttons");
        if (buttons.size() > OutboundMessage.Buttons.MAX) {
            throw ApiException.invalid("buttons", "A message has at most " + OutboundMessage.Buttons.MAX + " reply buttons");
        }
        Set<String> ids = new HashSet<>();
        for (OutboundMessage.Button button : buttons) {
            String id = button == null ? null : button.id();
            within("buttons", "A button's id", id, OutboundMessage.Button.ID_MAX);
            within("buttons", "Button " + id + ": its title", button.title(), OutboundMessage.Button.TITLE_MAX);
            unique("buttons", ids, id);
        }
        return new OutboundMessage.Buttons(null, text, null, buttons);
    }

    static OutboundMessage.ListMenu list(String text, SendRequest.ListMenu list) {
        body(text, "list");
        within("list.button", "The list's button label", list.button(), OutboundMessage.ListMenu.BUTTON_LABEL_MAX);
        List<OutboundMessage.Section> sections = list.sections() == null ? List.of() : list.sections();
        int rows = sections.stream().mapToInt(s -> s == null || s.rows() == null ? 0 : s.rows().size()).sum();
        if (rows == 0 || rows > OutboundMessage.ListMenu.MAX_ROWS) {
            throw ApiException.invalid("list.sections", "A list has 1 to " + OutboundMessage.ListMenu.MAX_ROWS
                    + " rows in all, not " + rows);
        }
        Set<String> ids = new HashSet<>();
        for (OutboundMessage.Section section : sections) {
            if (section == null || section.rows() == null || section.rows().isEmpty()) {
                throw ApiException.invalid("list.sections", "Every section of a list needs a row");
            }
            if (sections.size() > 1) {
                within("list.sections", "With several sections, each section's title", section.title(),
                        OutboundMessage.Section.TITLE_MAX);
            } else if (section.title() != null && length(section.title()) > OutboundMessage.Section.TITLE_MAX) {
                within("list.sections", "A section's title", section.title(), OutboundMessage.Section.TITLE_MAX);
            }
            for (OutboundMessage.Row row : section.rows()) {
                String id = row == null ? null : row.id();
                within("list.sections", "A row's id", id, OutboundMessage.Row.ID_MAX);
                within("list.sections", "Row " + id + ": its title", row.title(), OutboundMessage.Row.TITLE_MAX);
                if (row.description() != null && length(row.description()) > OutboundMessage.Row.DESCRIPTION_MAX) {
                    throw ApiException.invalid("list.sections", "Row " + id + ": its description has more than "
                            + OutboundMessage.Row.DESCRIPTION_MAX + " characters");
                }
                unique("list.sections", ids, id);
            }
        }
        return new OutboundMessage.ListMenu(null, text, null, list.button(), sections);
    }

    private static void body(String text, String what) {
        if (length(text) > OutboundMessage.INTERACTIVE_BODY_MAX) {
            throw ApiException.invalid("text", "A text with " + what + " is at most " + OutboundMessage.INTERACTIVE_BODY_MAX
                    + " characters");
        }
    }

    /** Given (not blank) and at most {@code max} characters. */
    private static void within(String field, String what, String value, int max) {
        if (value == null || value.isBlank() || length(value) > max) {
            throw ApiException.invalid(field, what + " is 1 to " + max + " characters");
        }
    }

    private static void unique(String field, Set<String> ids, String id) {
        if (!ids.add(id)) {
            throw ApiException.invalid(field, "The id " + id + " is used twice: each choice needs its own");
        }
    }

    /** Characters as a customer sees them: an emoji counts once. */
    static int length(String value) {
        return value == null ? 0 : value.codePointCount(0, value.length());
    }
}
