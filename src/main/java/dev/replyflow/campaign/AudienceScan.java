package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.replyflow.billing.Billing;
import dev.replyflow.billing.BillingProperties;
import dev.replyflow.billing.ConversationCategory;
import dev.replyflow.billing.Wallet;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.PhoneNumbers;

/**
 * Walks a campaign's audience in one streamed query (100,000 contacts never sit in memory) and classifies each
 * contact: excluded and why (blocked, invalid number, no marketing consent, a needed dynamic field empty), or a
 * recipient with its estimated cost and whether it takes room of the messaging limit (outside its 24h window and not
 * reached already in the rolling 24 hours, by a campaign or any other sender).
 */
@Component
class AudienceScan {

    static final String BLOCKED = "blocked";
    static final String INVALID_NUMBER = "invalid-number";
    static final String NO_CONSENT = "no-marketing-consent";
    static final String MISSING_FIELD = "missing-field";
    static final List<String> REASONS = List.of(BLOCKED, NO_CONSENT, INVALID_NUMBER, MISSING_FIELD);

    /** One audience contact: {@code reason} is null for a recipient. */
    record Classified(long contactId, String reason, BigDecimal estimate, boolean countsAgainstLimit) {
    }

    private final JdbcTemplate jdbc;
    private final PhoneNumbers phoneNumbers;
    private final Billing billing;
    private final BillingProperties pricing;
    private final Wallet wallet;

    AudienceScan(JdbcTemplate jdbc, PhoneNumbers phoneNumbers, Billing billing, BillingProperties pricing, Wallet wallet) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(1000);
        this.phoneNumbers = phoneNumbers;
        this.billing = billing;
        this.pricing = pricing;
        this.wallet = wallet;
    }

    void scan(Campaign campaign, WhatItSends sends, Instant now, Consumer<Classified> each) {
        // the categories charged: one conversation per category under conversation pricing, each message per message
        List<ConversationCategory> charged = pricing.model() == BillingProperties.Model.CONVERSATION
                ? sends.templateCategories().stream().distinct().toList() : sends.templateCategories();
        List<ConversationCategory> distinct = charged.stream().distinct().toList();
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select c.id, c.phone, c.blocked, c.marketing_consent, c.last_inbound_at, "
                + "c.business_initiated_at");
        sql.append(", case when ").append(missingFields(sends, args)).append(" then 1 else 0 end as missing");
        for (ConversationCategory category : distinct) {
            sql.append(", case when exists (select 1 from conversation v where v.contact_id = c.id and v.category = ? "
                    + "and v.expires_at > ?) then 1 else 0 end");
            args.add(category.name());
            args.add(CampaignStore.at(now));
        }
        sql.append(" from contact c where ").append(audience(campaign, args)).append(" order by c.id");
        String tier = wallet.tier();
        Instant windowStart = now.minus(Contact.SERVICE_WINDOW);
        jdbc.query(sql.toString(), rs -> {
            long id = rs.getLong(1);
            String phone = rs.getString(2);
            Instant lastInbound = CampaignStore.instant(rs, "last_inbound_at");
            boolean windowOpen = lastInbound != null && lastInbound.isAfter(windowStart);
            String country = country(phone);
            String reason = rs.getBoolean(3) ? BLOCKED : country == null ? INVALID_NUMBER
                    : sends.needsConsent() && !rs.getBoolean(4) ? NO_CONSENT : rs.getInt("missing") == 1 ? MISSING_FIELD : null;
            BigDecimal estimate = BigDecimal.ZERO;
            if (reason == null) {
                for (ConversationCategory category : charged) {
                    boolean open = rs.getInt(8 + distinct.indexOf(category)) == 1;
                    estimate = estimate.add(billing.quote(country, category, windowOpen, open, tier));
                }
            }
            Instant reached = CampaignStore.instant(rs, "business_initiated_at");
            boolean reachedAlready = reached != null && reached.isAfter(now.minus(MessagingLimit.WINDOW));
            each.accept(new Classified(id, reason, estimate, reason == null && !windowOpen && !reachedAlready));
        }, args.toArray());
    }

    /** The calling code's country of a valid number; null for a number WhatsApp cannot reach. */
    private String country(String phone) {
        try {
            phoneNumbers.toE164(phone);
            return phoneNumbers.regionOf(phone);
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    private static String missingFields(WhatItSends sends, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (sends.needsName()) {
            conditions.add("c.name is null or trim(c.name) = ''");
        }
        for (String field : sends.requiredFields()) {
            conditions.add("not exists (select 1 from contact_field f where f.contact_id = c.id and f.field = ? "
                    + "and trim(f.field_value) <> '')");
            args.add(field);
        }
        return conditions.isEmpty() ? "1 = 0" : "(" + String.join(") or (", conditions) + ")";
    }

    private static String audience(Campaign campaign, List<Object> args) {
        String where;
        if (campaign.tags() != null) {
            String marks = String.join(", ", campaign.tags().stream().map(t -> "?").toList());
            args.addAll(campaign.tags());
            where = "c.id in (select t.contact_id from contact_tag t where t.tag in (" + marks + ")"
                    + (campaign.allTags() ? " group by t.contact_id having count(*) = " + campaign.tags().size() : "") + ")";
        } else if (campaign.listId() != null) {
            where = "c.id in (select m.contact_id from list_member m where m.list_id = ?)";
            args.add(campaign.listId());
        } else {
            where = "1 = 0"; // its list was deleted
        }
        if (campaign.exceptListId() != null) {
            where += " and c.id not in (select x.contact_id from list_member x where x.list_id = ?)";
            args.add(campaign.exceptListId());
        }
        return where;
    }
}
