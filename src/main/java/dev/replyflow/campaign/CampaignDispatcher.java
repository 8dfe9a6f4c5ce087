package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Wallet;
import dev.replyflow.contact.Contact;

/**
 * One slice of a campaign's dispatch, run by an engine job each second: it claims the next recipients (QUEUED →
 * DISPATCHED with a conditional UPDATE, so two nodes never take the same one), starts their instances, releases the
 * credit reserved for them (their messages charge it now) and schedules the next slice. Everything commits together:
 * a crash before the commit leaves the recipients queued and the job due again, after it nobody is started twice.
 * A slice takes at most the campaign's rate of recipients: contacts inside their 24h window first, then those outside
 * it while the messaging limit has room; when only limited recipients are left and the limit is used up, the next
 * slice waits until the oldest reach leaves the rolling 24 hours.
 */
@Service
class CampaignDispatcher {

    static final Duration SLICE = Duration.ofSeconds(1);

    private record Candidate(long contactId, String phone, BigDecimal estimate, boolean blocked) {
    }

    private final CampaignStore store;
    private final JdbcTemplate jdbc;
    private final MessagingLimit limit;
    private final SliceJobs jobs;
    private final RuntimeService runtime;
    private final Wallet wallet;
    private final Clock clock;

    CampaignDispatcher(CampaignStore store, JdbcTemplate jdbc, MessagingLimit limit, SliceJobs jobs, RuntimeService runtime,
            Wallet wallet, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.limit = limit;
        this.jobs = jobs;
        this.runtime = runtime;
        this.wallet = wallet;
        this.clock = clock;
    }

    @Transactional
    void slice(long campaignId, int seq) {
        Campaign campaign = store.lock(campaignId).orElse(null);
        if (campaign == null || campaign.sliceSeq() != seq) {
            return; // deleted, or not the slice expected: a duplicate whose twin ran, or one a pause and resume replaced
        }
        Instant now = clock.instant();
        if (campaign.status() == CampaignStatus.SCHEDULED) {
            if (campaign.startAt() != null && campaign.startAt().isAfter(now)) {
                jobs.schedule(campaignId, store.nextSlice(campaignId), campaign.startAt());
                return;
            }
            store.status(campaignId, CampaignStatus.RUNNING);
        } else if (campaign.status() != CampaignStatus.RUNNING) {
            return; // paused, cancelled or done: nobody new, and no next slice (a resume schedules one)
        }
        int rate = pace(campaign, now);
        Instant windowStart = now.minus(Contact.SERVICE_WINDOW);
        List<Candidate> inWindow = candidates(campaignId, true, rate, windowStart);
        int available = limit.available(now);
        int room = Math.min(rate - inWindow.size(), available);
        List<Candidate> outside = room > 0 ? candidates(campaignId, false, room, windowStart) : List.of();

        BigDecimal released = BigDecimal.ZERO;
        int started = 0;
        List<Object[]> instances = new ArrayList<>();
        for (List<Candidate> group : List.of(inWindow, outside)) {
            boolean counts = group == outside;
            for (Candidate candidate : group) {
                if (candidate.blocked()) { // blocked since the launch: excluded now, its reservation given back
                    if (jdbc.update("update campaign_recipient set status = ?, reason = ? where campaign_id = ? and "
                            + "contact_id = ? and status = ?", RecipientStatus.EXCLUDED.name(), AudienceScan.BLOCKED,
                            campaignId, candidate.contactId(), RecipientStatus.QUEUED.name()) == 1) {
                        released = released.add(candidate.estimate());
                    }
                    continue;
                }
                if (!claim(campaignId, candidate.contactId(), counts, now)) {
                    continue; // another node took it
                }
                released = released.add(candidate.estimate());
                instances.add(new Object[] { start(campaign, candidate), campaignId, candidate.contactId() });
                started++;
            }
        }
        if (!instances.isEmpty()) {
            jdbc.batchUpdate("update campaign_recipient set process_instance_id = ? where campaign_id = ? and contact_id = ?",
                    instances);
        }
        wallet.release(released, "Campaign '" + campaign.name() + "': reserved credit of " + started
                + " recipient(s) dispatched, for their messages");
        store.spent(campaignId, released);

        Long queued = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? and status = ?",
                Long.class, campaignId, RecipientStatus.QUEUED.name());
        if (queued == null || queued == 0) {
            wallet.release(campaign.reserved().subtract(released), "Campaign '" + campaign.name() + "' dispatched: "
                    + "reserved credit left over");
            store.finished(campaignId, CampaignStatus.COMPLETED, now);
            return;
        }
        Instant next = now.plus(SLICE);
        boolean onlyLimitedLeft = candidates(campaignId, true, 1, windowStart).isEmpty();
        if (onlyLimitedLeft && available - outside.size() <= 0) {
            Instant room2 = limit.nextRoom(now);
            if (room2 != null && room2.isAfter(next)) {
                next = room2;
            }
        }
        jobs.schedule(campaignId, store.nextSlice(campaignId), next);
    }

    /** The rate in force: after a "slow down" it is held low for a while, then doubles back each slice to the asked rate. */
    private int pace(Campaign campaign, Instant now) {
        int rate = Math.max(1, campaign.currentRate());
        boolean held = campaign.throttledUntil() != null && campaign.throttledUntil().isAfter(now);
        if (rate < campaign.rate() && !held) {
            rate = Math.min(campaign.rate(), rate * 2);
            store.currentRate(campaign.id(), rate);
        }
        return Math.min(rate, campaign.rate());
    }

    private List<Candidate> candidates(long campaignId, boolean inWindow, int max, Instant windowStart) {
        String window = inWindow ? "c.last_inbound_at > ?" : "(c.last_inbound_at is null or c.last_inbound_at <= ?)";
        return jdbc.query("select r.contact_id, c.phone, r.estimate, c.blocked from campaign_recipient r "
                + "join contact c on c.id = r.contact_id where r.campaign_id = ? and r.status = ? and " + window
                + " order by r.contact_id fetch first " + Math.max(1, max) + " rows only",
                (rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4)),
                campaignId, RecipientStatus.QUEUED.name(), CampaignStore.at(windowStart));
    }

    /** @return true when this transaction took the recipient (it was still queued) */
    private boolean claim(long campaignId, long contactId, boolean countsAgainstLimit, Instant now) {
        return jdbc.update("update campaign_recipient set status = ?, dispatched_at = ?, counts_against_limit = ? "
                + "where campaign_id = ? and contact_id = ? and status = ?", RecipientStatus.DISPATCHED.name(),
                CampaignStore.at(now), countsAgainstLimit, campaignId, contactId, RecipientStatus.QUEUED.name()) == 1;
    }

    /** The recipient's instance: business key = phone, variables contactId, contactPhone, campaignId (+ the template). */
    private String start(Campaign campaign, Candidate candidate) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("contactId", candidate.contactId());
        variables.put("contactPhone", candidate.phone());
        variables.put("campaignId", campaign.id());
        if (campaign.isTemplate()) {
            variables.put(CampaignTemplateAutomation.TEMPLATE, campaign.templateName());
            variables.put(CampaignTemplateAutomation.LANGUAGE, campaign.templateLanguage() == null ? "" : campaign.templateLanguage());
            variables.put(CampaignTemplateAutomation.PARAMETERS, String.join("\n", campaign.templateParameters()));
        }
        return runtime.createProcessInstanceByKey(campaign.processKey()).businessKey(candidate.phone())
                .setVariables(variables).execute().getId();
    }
}
