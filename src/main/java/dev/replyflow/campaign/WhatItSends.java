package dev.replyflow.campaign;

import java.util.List;
import java.util.Set;

import dev.replyflow.billing.ConversationCategory;

/**
 * What a campaign sends each recipient, as far as it is known before launch: the categories of its template messages
 * (one per template Send Message of an automation), the dynamic fields they need filled, and whether a marketing
 * template makes consent a requirement.
 */
record WhatItSends(List<ConversationCategory> templateCategories, boolean needsName, Set<String> requiredFields,
        boolean needsConsent) {

    boolean needsFields() {
        return needsName || !requiredFields.isEmpty();
    }
}
