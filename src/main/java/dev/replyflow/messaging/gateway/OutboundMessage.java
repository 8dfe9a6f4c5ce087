package dev.replyflow.messaging.gateway;

import java.util.List;

/**
 * A message to one recipient: {@code to} is the phone in E.164 ("+393331234567"); {@code reference} (may be null)
 * travels as WhatsApp's biz_opaque_callback_data and comes back in the message's status webhooks, so a message whose
 * send outcome was lost (a crash, a timeout) is recognised by its statuses instead of being sent again.
 */
public record OutboundMessage(String to, Content content, String reference) {

    public OutboundMessage(String to, Content content) {
        this(to, content, null);
    }

    /** What a message carries: exactly one of these kinds. */
    public sealed interface Content permits Text, Template, Buttons, ListMenu, Media {
    }

    /** Free text (only inside the 24h customer service window). */
    public record Text(String body) implements Content {
    }

    /**
     * An approved template. {@code bodyParameters} fill {{1}}, {{2}}… of the body in order; {@code header} is
     * null when the template's header has no parameter; {@code buttons} carry the parameters of quick-reply
     * buttons (their payload) and URL buttons (the dynamic URL suffix), by the button's index.
     */
    public record Template(String name, String language, Header header, List<String> bodyParameters,
            List<ButtonParameter> buttons) implements Content {
    }

    /** A template header parameter: text, or media by link. */
    public sealed interface Header permits TextHeader, MediaHeader {
    }

    public record TextHeader(String text) implements Header {
    }

    public record MediaHeader(MediaType type, String link, String filename) implements Header {
    }

    public enum ButtonKind { QUICK_REPLY, URL }

    public record ButtonParameter(int index, ButtonKind kind, String value) {
    }

    /** The most characters WhatsApp takes in the body of an interactive message (buttons, list). */
    public static final int INTERACTIVE_BODY_MAX = 1024;

    /** Interactive reply buttons (1 to 3); a tap comes back as a button reply with the button's id. */
    public record Buttons(String header, String body, String footer, List<Button> buttons) implements Content {
        public static final int MAX = 3;
    }

    public record Button(String id, String title) {
        public static final int ID_MAX = 256;
        public static final int TITLE_MAX = 20;
    }

    /**
     * An interactive list: a button that opens sections of rows; a choice comes back with the row's id. WhatsApp's
     * limits: at most {@value #MAX_ROWS} rows in all, a button label of {@value #BUTTON_LABEL_MAX} characters, a title
     * for each section when there are several.
     */
    public record ListMenu(String header, String body, String footer, String buttonLabel, List<Section> sections)
            implements Content {
        public static final int MAX_ROWS = 10;
        public static final int BUTTON_LABEL_MAX = 20;
    }

    public record Section(String title, List<Row> rows) {
        public static final int TITLE_MAX = 24;
    }

    public record Row(String id, String title, String description) {
        public static final int ID_MAX = 200;
        public static final int TITLE_MAX = 24;
        public static final int DESCRIPTION_MAX = 72;
    }

    /** Media by link, with an optional caption (not for audio) and file name (documents). */
    public record Media(MediaType type, String link, String caption, String filename) implements Content {
    }

    public enum MediaType { IMAGE, DOCUMENT, VIDEO, AUDIO }
}
