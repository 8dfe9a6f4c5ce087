package dev.replyflow.messaging.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.replyflow.contact.Contact;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.OutboundMessage.ButtonKind;
import dev.replyflow.messaging.gateway.OutboundMessage.ButtonParameter;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaHeader;
import dev.replyflow.messaging.gateway.OutboundMessage.MediaType;
import dev.replyflow.web.ApiException;

/**
 * Fills a template for one contact. Parameters are values, or contain references to the contact's data:
 * {{contact.name}}, {{contact.phone}}, {{fields.city}}, which are resolved here, per contact.
 */
@Component
public class TemplateRenderer {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*(contact\\.name|contact\\.phone|fields\\.([a-z0-9_]+))\\s*}}");

    /** The message for WhatsApp and the text kept in the chat. */
    public record Rendered(OutboundMessage.Template content, String text) {
    }

    public Rendered render(Template template, List<String> parameters, String urlSuffix, Contact contact) {
        List<String> values = new ArrayList<>();
        for (String parameter : parameters == null ? List.<String>of() : parameters) {
            values.add(resolve(parameter == null ? "" : parameter, contact));
        }
        int expected = TemplateService.parameterCount(template.getBody());
        if (values.size() != expected) {
            throw ApiException.invalid("parameters", "Template " + template.getName() + " needs " + expected
                    + " parameter(s) for its body, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                throw ApiException.invalid("parameters", "Parameter " + (i + 1) + " of " + template.getName() + " is empty");
            }
        }
        Matcher m = TemplateService.PLACEHOLDER.matcher(template.getBody());
        String text = m.replaceAll(r -> Matcher.quoteReplacement(values.get(Integer.parseInt(r.group(1)) - 1)));

        OutboundMessage.Header header = template.getHeaderType() == null || template.getHeaderType() == Template.HeaderType.TEXT
                ? null : new MediaHeader(MediaType.valueOf(template.getHeaderType().name()), template.getHeaderLink(), null);
        List<ButtonParameter> buttons = new ArrayList<>();
        List<TemplateButton> defined = template.getButtons();
        for (int i = 0; i < defined.size(); i++) {
            TemplateButton b = defined.get(i);
            if (b.type() == TemplateButton.Type.QUICK_REPLY) {
                buttons.add(new ButtonParameter(i, ButtonKind.QUICK_REPLY, b.payload() == null ? b.text() : b.payload()));
            } else if (b.url().endsWith("{{1}}")) {
                if (urlSuffix == null || urlSuffix.isBlank()) {
                    throw ApiException.invalid("urlSuffix", "Button '" + b.text() + "' of " + template.getName()
                            + " ends its URL with {{1}}: give the urlSuffix");
                }
                buttons.add(new ButtonParameter(i, ButtonKind.URL, withUtm(resolve(urlSuffix, contact), b.utm())));
            }
        }
        return new Rendered(new OutboundMessage.Template(template.getName(), template.getLanguage(), header, values, buttons), text);
    }

    /** The URL to register with Meta for a button: its URL with the UTM parameters (when the URL is static). */
    public static String registeredUrl(TemplateButton button) {
        return button.url().endsWith("{{1}}") ? button.url() : withUtm(button.url(), button.utm());
    }

    static String withUtm(String url, Map<String, String> utm) {
        if (utm == null || utm.isEmpty()) {
            return url;
        }
        String query = new TreeMap<>(utm).entrySet().stream()
                .map(e -> "utm_" + e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    private static String resolve(String parameter, Contact contact) {
        Matcher m = REFERENCE.matcher(parameter);
        return m.replaceAll(r -> {
            String value = switch (r.group(1)) {
                case "contact.name" -> contact.getName();
                case "contact.phone" -> contact.getPhone();
                default -> contact.getFields().get(r.group(2));
            };
            if (value == null || value.isBlank()) {
                throw ApiException.invalid("parameters", "Contact " + contact.getPhone() + " has no value for " + r.group());
            }
            return Matcher.quoteReplacement(value);
        });
    }
}
