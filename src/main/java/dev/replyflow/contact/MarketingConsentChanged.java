package dev.replyflow.contact;

/** Marketing consent was given or revoked: the marketing-consent:granted|revoked trigger. */
public record MarketingConsentChanged(Long contactId, String phone, boolean granted, String source) {
}
