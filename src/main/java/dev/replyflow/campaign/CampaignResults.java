package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Wallet;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactsImportedToList;
import dev.replyflow.contact.ListService;
import dev.replyflow.web.ApiException;

/**
 * What a campaign did, read from its recipient rows and its instances' messages (message.process_instance_id), so
 * status webhooks and replies show up without any bookkeeping of their own; and lists made from those results.
 */
@Service
class CampaignResults {

    /** The results a list can be made of; each is a condition on recipient r. */
    private static final Map<String, String> SEGMENTS = Map.of(
            "replied", "r.status = 'DISPATCHED' and " + replied(),
            "not-replied", "r.status = 'DISPATCHED' and not " + replied(),
            "read", reached("'READ'"),
            "delivered", reached("'DELIVERED', 'READ'"),
            "failed", reached("'FAILED'"));

    private final CampaignStore store;
    private final JdbcTemplate jdbc;
    private final ListService lists;
    private final ApplicationEventPublisher events;
    private final MessagingLimit limit;
    private final CampaignSettings settings;
    private final Wallet wallet;
    private final Clock clock;

    CampaignResults(CampaignStore store, JdbcTemplate jdbc, ListService lists, ApplicationEventPublisher events,
            MessagingLimit limit, CampaignSettings settings, Wallet wallet, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.lists = lists;
        this.events = events;
        this.limit = limit;
        this.settings = settings;
        this.wallet = wallet;
        this.clock = clock;
    }

    private static String replied() {
        return "exists (select 1 from message i where i.contact_id = r.contact_id and i.direction = 'INBOUND' "
                + "and i.created_at > r.dispatched_at)";
    }

    private static String reached(String statuses) {
        return "exists (select 1 from message m where m.process_instance_id = r.process_instance_id "
                + "and m.direction = 'OUTBOUND' and m.status in (" + statuses + "))";
    }

    @Transactional(readOnly = true)
    public List<CampaignView> all() {
        return store.all().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public CampaignView get(long id) {
        return view(store.require(id));
    }

    private CampaignView view(Campaign c) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("select status, count(*) from campaign_recipient where campaign_id = ? group by status",
                rs -> { byStatus.put(rs.getString(1), rs.getLong(2)); }, c.id());
        Map<String, Long> excluded = new LinkedHashMap<>();
        AudienceScan.REASONS.forEach(reason -> excluded.put(reason, 0L));
        jdbc.query("select reason, count(*) from campaign_recipient where campaign_id = ? and status = ? group by reason",
                rs -> { excluded.put(rs.getString(1), rs.getLong(2)); }, c.id(), RecipientStatus.EXCLUDED.name());
        long[] funnel = new long[4];
        BigDecimal[] cost = { BigDecimal.ZERO };
        jdbc.query("select count(distinct case when m.status in ('SENT', 'DELIVERED', 'READ') then r.contact_id end), "
                + "count(distinct case when m.status in ('DELIVERED', 'READ') then r.contact_id end), "
                + "count(distinct case when m.status = 'READ' then r.contact_id end), "
                + "count(distinct case when m.status = 'FAILED' then r.contact_id end), "
                + "sum(case when m.status <> 'FAILED' then m.price else 0 end) "
                + "from campaign_recipient r join message m on m.process_instance_id = r.process_instance_id "
                + "where r.campaign_id = ? and m.direction = 'OUTBOUND'", rs -> {
                    for (int i = 0; i < 4; i++) {
                        funnel[i] = rs.getLong(i + 1);
                    }
                    cost[0] = rs.getBigDecimal(5) == null ? BigDecimal.ZERO : rs.getBigDecimal(5);
                }, c.id());
        Map<String, Long> failedByCode = new LinkedHashMap<>();
        jdbc.query("select m.error_code, count(distinct r.contact_id) from campaign_recipient r join message m "
                + "on m.process_instance_id = r.process_instance_id where r.campaign_id = ? and m.direction = 'OUTBOUND' "
                + "and m.status = 'FAILED' group by m.error_code order by m.error_code",
                rs -> { failedByCode.put(rs.getObject(1) == null ? "unknown" : rs.getString(1), rs.getLong(2)); }, c.id());
        Long replied = jdbc.queryForObject("select count(*) from campaign_recipient r where r.campaign_id = ? and "
                + SEGMENTS.get("replied"), Long.class, c.id());
        long queued = byStatus.getOrDefault(RecipientStatus.QUEUED.name(), 0L);
        var counts = new CampaignView.Counts(byStatus.getOrDefault(RecipientStatus.EXCLUDED.name(), 0L), queued,
                byStatus.getOrDefault(RecipientStatus.DISPATCHED.name(), 0L),
                byStatus.getOrDefault(RecipientStatus.CANCELLED.name(), 0L), funnel[0], funnel[1], funnel[2],
                replied == null ? 0 : replied, funnel[3]);
        return new CampaignView(c.id(), c.name(), c.status(), new CampaignView.Audience(c.listName(),
                c.tags() != null && c.allTags() ? c.tags() : null, c.tags() != null && !c.allTags() ? c.tags() : null,
                c.exceptListName()), c.automationKey(), c.isTemplate() ? new CampaignView.Template(c.templateName(),
                c.templateLanguage(), c.templateParameters()) : null, c.startAt(), c.rate(), c.currentRate(),
                c.throttledUntil(), counts, excluded, failedByCode, CampaignPreviews.money(cost[0]),
                CampaignPreviews.money(c.reserved()), wallet.currency(), eta(c, queued), c.createdBy(), c.createdAt(),
                c.launchedAt(), c.finishedAt());
    }

    /** When the queued recipients will have been dispatched, at the current rate and within the messaging limit. */
    private Instant eta(Campaign c, long queued) {
        if (c.status() == CampaignStatus.COMPLETED || c.status() == CampaignStatus.CANCELLED) {
            return c.finishedAt();
        }
        if (c.status() != CampaignStatus.RUNNING && c.status() != CampaignStatus.SCHEDULED) {
            return null; // a draft has its preview; a paused campaign has no end until resumed
        }
        Instant now = clock.instant();
        Long limited = jdbc.queryForObject("select count(*) from campaign_recipient r join contact c on c.id = r.contact_id "
                + "where r.campaign_id = ? and r.status = ? and (c.last_inbound_at is null or c.last_inbound_at <= ?) "
                + "and (c.business_initiated_at is null or c.business_initiated_at <= ?)", Long.class, c.id(),
                RecipientStatus.QUEUED.name(), CampaignStore.at(now.minus(Contact.SERVICE_WINDOW)),
                CampaignStore.at(now.minus(MessagingLimit.WINDOW)));
        Instant start = c.startAt() != null && c.startAt().isAfter(now) ? c.startAt() : now;
        return FinishEstimate.of(start, queued, limited == null ? 0 : limited, Math.max(1, c.currentRate()),
                settings.messagingLimit(), limit.available(now)).finish();
    }

    public record MadeList(long id, String name, long size) {
    }

    /** A new list of the campaign's recipients in {@code segment}; its members join as from an import (list-added). */
    @Transactional
    public MadeList makeList(long campaignId, String name, String segment) {
        store.require(campaignId);
        String condition = segment == null ? null : SEGMENTS.get(segment);
        if (condition == null) {
            throw ApiException.invalid("segment", "The segment is one of replied, not-replied, read, delivered, failed");
        }
        var list = lists.create(name);
        jdbc.update("insert into list_member (list_id, contact_id, added_at) select ?, r.contact_id, ? "
                + "from campaign_recipient r where r.campaign_id = ? and " + condition, list.id(),
                CampaignStore.at(clock.instant()), campaignId);
        List<ContactsImportedToList.Member> members = jdbc.query("select c.id, c.phone from list_member m join contact c "
                + "on c.id = m.contact_id where m.list_id = ? order by c.id",
                (rs, i) -> new ContactsImportedToList.Member(rs.getLong(1), rs.getString(2)), list.id());
        if (!members.isEmpty()) {
            events.publishEvent(new ContactsImportedToList(list.id(), list.name(), members));
        }
        return new MadeList(list.id(), list.name(), members.size());
    }
}
