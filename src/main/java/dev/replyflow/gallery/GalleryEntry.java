package dev.replyflow.gallery;

import java.util.List;

import dev.replyflow.messaging.template.TemplateRequest;

/**
 * A ready-made automation offered in the gallery: {@code trigger} is read from its start event (a message or signal
 * name, or "integration" for a plain start); {@code templates} are the message templates its steps send.
 */
public record GalleryEntry(String id, String name, String description, String trigger, List<String> templates) {

    /** How gallery.json describes an entry: the templates in full, so that deploying it can create them. */
    record Manifest(String id, String name, String description, List<TemplateRequest> templates) {
    }
}
