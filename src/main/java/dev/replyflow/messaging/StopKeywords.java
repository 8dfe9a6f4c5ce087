package dev.replyflow.messaging;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Recognizes a message that asks to stop marketing (STOP, ANNULLA, BAJA …). Keywords are configured per
 * language, but any language's keyword is honoured: a customer's "stop" must never be missed.
 */
@Component
public class StopKeywords {

    private final Set<String> keywords;

    public StopKeywords(WhatsAppProperties properties) {
        this.keywords = properties.stopKeywords().values().stream().flatMap(java.util.List::stream)
                .map(StopKeywords::normalize).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isStop(String text) {
        return text != null && keywords.contains(normalize(text));
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("[\\s.!]+$", "").replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
