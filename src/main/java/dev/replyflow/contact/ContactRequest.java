package dev.replyflow.contact;

import java.util.List;
import java.util.Map;

/**
 * The body of POST /api/contacts and PATCH /api/contacts/{id}. On PATCH every absent (null) member is
 * left unchanged, and a field given as null is cleared.
 */
public record ContactRequest(
        String phone,
        String name,
        String language,
        Boolean marketingConsent,
        String marketingConsentSource,
        Boolean blocked,
        Boolean unread,
        Map<String, Object> fields,
        List<String> tags) {
}
