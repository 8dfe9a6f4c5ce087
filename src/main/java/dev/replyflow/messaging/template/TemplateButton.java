package dev.replyflow.messaging.template;

import java.util.Map;

/**
 * A template button. QUICK_REPLY buttons send {@code payload} back when tapped; URL buttons open {@code url},
 * whose last part may be the placeholder {{1}} filled at send time, with {@code utm} parameters added to track
 * clicks.
 */
public record TemplateButton(Type type, String text, String payload, String url, Map<String, String> utm) {

    public enum Type { QUICK_REPLY, URL }
}
