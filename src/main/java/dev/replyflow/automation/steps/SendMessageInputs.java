package dev.replyflow.automation.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import dev.replyflow.messaging.SendRequest;
import dev.replyflow.messaging.gateway.OutboundMessage;

/**
 * What a Send Message step sends, read from its input parameters (the catalogue's send-message entry): a template; or
 * free text, with reply buttons given one per line as id=Title (or Title, its own id); or media by link with a caption.
 */
final class SendMessageInputs {

    private SendMessageInputs() {
    }

    static SendRequest from(DelegateExecution execution) {
        String mediaLink = ContactStep.text(execution, "mediaLink");
        if (mediaLink != null && !mediaLink.isBlank()) {
            String type = ContactStep.text(execution, "mediaType");
            OutboundMessage.MediaType mediaType = type == null ? null
                    : OutboundMessage.MediaType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            return new SendRequest(ContactStep.text(execution, "caption"), null, null, null, null, null,
                    new SendRequest.Media(mediaType, mediaLink.strip(), ContactStep.text(execution, "mediaFilename")));
        }
        List<String> buttons = ContactStep.lines(execution, "buttons");
        return new SendRequest(ContactStep.text(execution, "text"), ContactStep.text(execution, "template"),
                ContactStep.text(execution, "language"), ContactStep.lines(execution, "parameters"),
                ContactStep.text(execution, "urlSuffix"), buttons == null || buttons.isEmpty() ? null : buttons(buttons), null);
    }

    /** "yes=Yes, please" is id yes and title "Yes, please"; a line without = is both. */
    static List<OutboundMessage.Button> buttons(List<String> lines) {
        List<OutboundMessage.Button> buttons = new ArrayList<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            String id = (eq > 0 ? line.substring(0, eq) : line).strip();
            String title = (eq > 0 ? line.substring(eq + 1) : line).strip();
            buttons.add(new OutboundMessage.Button(id, title));
        }
        return buttons;
    }
}
