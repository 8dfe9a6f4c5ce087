package dev.replyflow.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as the API shows it: fields in their own JSON type, tags and operators sorted; {@code lastInboundAt}
 * starts its 24h customer service window.
 */
public record ContactView(
        Long id,
        String phone,
        String name,
        String language,
        boolean marketingConsent,
        Instant marketingConsentAt,
        String marketingConsentSource,
        boolean blocked,
        boolean unread,
        List<String> tags,
        List<ListRef> lists,
        Map<String, Object> fields,
        List<String> operators,
        Instant lastInboundAt,
        Instant lastLateReplyAt,
        Instant createdAt,
        Instant updatedAt) {

    public record ListRef(Long id, String name) {
    }
}
