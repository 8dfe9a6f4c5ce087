package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A campaign as stored (table campaign). */
record Campaign(long id, String name, CampaignStatus status, Long listId, String listName, List<String> tags,
        boolean allTags, Long exceptListId, String exceptListName, String automationKey, String templateName,
        String templateLanguage, List<String> templateParameters, Instant startAt, int rate, int currentRate,
        Instant throttledUntil, BigDecimal reserved, int sliceSeq, String createdBy, Instant createdAt,
        Instant launchedAt, Instant finishedAt) {

    boolean isTemplate() {
        return templateName != null;
    }

    /** The process each recipient gets an instance of. */
    String processKey() {
        return isTemplate() ? CampaignTemplateAutomation.KEY : automationKey;
    }
}
