package dev.replyflow.automation.steps;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import dev.replyflow.automation.ItemLines;
import dev.replyflow.automation.StepCatalogue;
import dev.replyflow.automation.StepNames;
import dev.replyflow.automation.StepParameter;
import dev.replyflow.messaging.SendRequest;
import dev.replyflow.messaging.gateway.OutboundMessage;

/**
 * What a Send Message step sends, read from its input parameters (the catalogue's send-message entry): a template; or
 * free text, with reply buttons or list rows read by ItemLines (id=Title lines); or media by link with a caption.
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
                    new SendRequest.Media(mediaType, mediaLink.strip(), ContactStep.text(execution, "mediaFilename")), null);
        }
        List<ItemLines.Group> buttons = items(execution, "buttons");
        List<ItemLines.Group> rows = items(execution, "listRows");
        String listButton = ContactStep.text(execution, "listButton");
        return new SendRequest(ContactStep.text(execution, "text"), ContactStep.text(execution, "template"),
                ContactStep.text(execution, "language"), ContactStep.lines(execution, "parameters"),
                ContactStep.text(execution, "urlSuffix"),
                buttons.isEmpty() ? null : buttons.stream().flatMap(g -> g.items().stream())
                        .map(b -> new OutboundMessage.Button(b.id(), b.title())).toList(),
                null,
                rows.isEmpty() ? null : new SendRequest.ListMenu(listButton == null ? null : listButton.strip(), rows.stream()
                        .map(g -> new OutboundMessage.Section(g.title(), g.items().stream()
                                .map(r -> new OutboundMessage.Row(r.id(), r.title(), r.description())).toList()))
                        .toList()));
    }

    /** A parameter's lines as the catalogue declares them (reply buttons, list rows). */
    private static List<ItemLines.Group> items(DelegateExecution execution, String parameter) {
        StepParameter.Items format = StepCatalogue.byDelegate(StepNames.SEND_MESSAGE).flatMap(s -> s.parameter(parameter))
                .orElseThrow().items();
        return ItemLines.parse(ContactStep.lines(execution, parameter), format);
    }
}
