package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Wallet;
import dev.replyflow.contact.Contact;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * One slice of a campaign's dispatch, run by an engine job each second: it claims the next recipients (QUEUED →
 * DISPATCHED with a conditional UPDATE, so two nodes never take the same one), releases the credit reserved for them
 * (their messages charge it), starts their instances and schedules the next slice. Everything commits together: a
 * crash before the commit leaves the recipients queued and the job due again, after it nobody is started twice. A
 * template campaign's instance records its message as it starts (the sender pool sends it after the commit), so the
 * rate is the rate of messages handed to WhatsApp, with no job per recipient.
 * <p>
 * A slice takes at most the campaign's rate of recipients, in contact order, reading only those (its cost does not
 * grow with the audience), in chunks: once its second is used up (a node slower than the rate) it stops between
 * chunks and the next slice goes on at once, so a transaction, its locks and a pause's wait stay about a second long.
 * Recipients inside their 24h window, or reached already in the rolling 24 hours, are free of the messaging limit;
 * the others take its room. When the room runs out, the slice fills up with free recipients from further on; when
 * only recipients needing room are left, the next slice waits until the first contact reached leaves the 24 hours.
 */
@Service
class CampaignDispatcher {

    static final Duration SLICE = Duration.ofSeconds(1);
    /** Recipients claimed and started together; a slice stops between chunks once its second is used up. */
    static final int CHUNK = 50;

    private record Candidate(long contactId, String phone, BigDecimal estimate, boolean blocked, boolean inWindow,
            boolean reached) {

        boolean takesRoom() {
            return !inWindow && !reached;
        }
    }

    private final CampaignStore store;
    private final JdbcTemplate jdbc;
    private final MessagingLimit limit;
    private final SliceJobs jobs;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final Wallet wallet;
    private final Clock clock;
    @PersistenceContext
    private EntityManager entities;

    CampaignDispatcher(CampaignStore store, JdbcTemplate jdbc, MessagingLimit limit, SliceJobs jobs, RuntimeService runtime,
            RepositoryService repository, Wallet wallet, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.limit = limit;
        this.jobs = jobs;
        this.runtime = runtime;
        this.repository = repository;
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
        Pick pick = pick(campaignId, rate, now);
        BigDecimal released = exclude(campaignId, pick.blocked());
        List<Candidate> started = new ArrayList<>();
        long deadline = System.nanoTime() + SLICE.toNanos();
        for (int from = 0; from < pick.taken().size() && (from == 0 || System.nanoTime() < deadline); from += CHUNK) {
            List<Candidate> claimed = claim(campaignId, pick.taken().subList(from, Math.min(from + CHUNK,
                    pick.taken().size())), now);
            BigDecimal reserved = claimed.stream().map(Candidate::estimate).reduce(BigDecimal.ZERO, BigDecimal::add);
            // before their instances start: their messages charge the wallet as they are recorded
            wallet.release(reserved, "Campaign '" + campaign.name() + "': reserved credit of " + claimed.size()
                    + " recipient(s) dispatched, for their messages");
            released = released.add(reserved);
            start(campaign, claimed);
            started.addAll(claimed);
        }
        store.spent(campaignId, released);
        limit.reaching(started.stream().filter(c -> !c.inWindow()).map(Candidate::contactId).toList(), now);

        boolean cut = started.size() < pick.taken().size(); // the second was up: the next slice goes on at once
        if (pick.lastOnes() && !cut) {
            wallet.release(campaign.reserved().subtract(released), "Campaign '" + campaign.name() + "' dispatched: "
                    + "reserved credit left over");
            store.finished(campaignId, CampaignStatus.COMPLETED, now);
            return;
        }
        Instant due = now.plus(SLICE);
        Instant room = pick.onlyWaitingLeft() && !cut ? limit.nextRoom(now) : null;
        jobs.schedule(campaignId, store.nextSlice(campaignId), room != null && room.isAfter(due) ? room : due);
    }

    /**
     * Who this slice takes: up to {@code rate} queued recipients in contact order, those needing room while the limit
     * has some; when it has none, free recipients from further on. {@code lastOnes}: nobody will be left queued;
     * {@code onlyWaitingLeft}: those left all wait for room.
     */
    private record Pick(List<Candidate> taken, List<Candidate> blocked, boolean lastOnes, boolean onlyWaitingLeft) {
    }

    private Pick pick(long campaignId, int rate, Instant now) {
        int room = limit.available(now);
        List<Candidate> next = queued(campaignId, rate + 1, now, false); // one more: is anybody left after this slice?
        Map<Long, Candidate> taken = new LinkedHashMap<>();
        Map<Long, Candidate> blocked = new LinkedHashMap<>();
        boolean waiting = false; // a recipient left queued for want of room
        int seen = 0;
        for (Candidate candidate : next) {
            if (taken.size() == rate) {
                break;
            }
            seen++;
            if (candidate.blocked()) {
                blocked.put(candidate.contactId(), candidate);
            } else if (!candidate.takesRoom()) {
                taken.put(candidate.contactId(), candidate);
            } else if (room > 0) {
                room--;
                taken.put(candidate.contactId(), candidate);
            } else {
                waiting = true;
            }
        }
        boolean onlyWaitingLeft = false;
        if (waiting) { // the limit is used up: fill the slice with recipients it does not count, from further on
            for (Candidate free : queued(campaignId, rate, now, true)) {
                if (taken.size() < rate && !taken.containsKey(free.contactId())) {
                    (free.blocked() ? blocked : taken).put(free.contactId(), free);
                }
            }
            onlyWaitingLeft = taken.size() < rate;
        }
        boolean lastOnes = seen == next.size() && next.size() <= rate && !waiting;
        return new Pick(List.copyOf(taken.values()), List.copyOf(blocked.values()), lastOnes, onlyWaitingLeft);
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

    /**
     * The next {@code max} queued recipients in contact order; {@code freeOnly}: only those the messaging limit does not
     * count. Ordered by all the columns of the index campaign_recipient_status, so that H2 too reads them in its order
     * and stops after {@code max} (by contact_id alone it reads and sorts every queued recipient).
     */
    private List<Candidate> queued(long campaignId, int max, Instant now, boolean freeOnly) {
        Instant windowStart = now.minus(Contact.SERVICE_WINDOW);
        Instant reachStart = now.minus(MessagingLimit.WINDOW);
        List<Object> args = new ArrayList<>(List.of(campaignId, RecipientStatus.QUEUED.name()));
        if (freeOnly) {
            args.add(CampaignStore.at(windowStart));
            args.add(CampaignStore.at(reachStart));
        }
        return jdbc.query("select r.contact_id, c.phone, r.estimate, c.blocked, c.last_inbound_at, c.business_initiated_at "
                + "from campaign_recipient r join contact c on c.id = r.contact_id where r.campaign_id = ? and r.status = ?"
                + (freeOnly ? " and (c.last_inbound_at > ? or c.business_initiated_at > ?)" : "")
                + " order by r.campaign_id, r.status, r.contact_id fetch first " + Math.max(1, max) + " rows only", (rs, i) -> {
                    Instant lastInbound = CampaignStore.instant(rs, "last_inbound_at");
                    Instant reached = CampaignStore.instant(rs, "business_initiated_at");
                    return new Candidate(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBoolean(4),
                            lastInbound != null && lastInbound.isAfter(windowStart), reached != null && reached.isAfter(reachStart));
                }, args.toArray());
    }

    /** Blocked since the launch: excluded now. @return their reservation, given back */
    private BigDecimal exclude(long campaignId, List<Candidate> blocked) {
        int[] updated = jdbc.batchUpdate("update campaign_recipient set status = ?, reason = ? where campaign_id = ? and "
                + "contact_id = ? and status = ?", blocked.stream().map(c -> new Object[] { RecipientStatus.EXCLUDED.name(),
                        AudienceScan.BLOCKED, campaignId, c.contactId(), RecipientStatus.QUEUED.name() }).toList());
        BigDecimal released = BigDecimal.ZERO;
        for (int i = 0; i < updated.length; i++) {
            released = updated[i] == 1 ? released.add(blocked.get(i).estimate()) : released;
        }
        return released;
    }

    /** @return the recipients this transaction took (still queued; the others another node took) */
    private List<Candidate> claim(long campaignId, List<Candidate> candidates, Instant now) {
        int[] updated = jdbc.batchUpdate("update campaign_recipient set status = ?, dispatched_at = ?, counts_against_limit = ? "
                + "where campaign_id = ? and contact_id = ? and status = ?", candidates.stream().map(c -> new Object[] {
                        RecipientStatus.DISPATCHED.name(), CampaignStore.at(now), !c.inWindow(), campaignId, c.contactId(),
                        RecipientStatus.QUEUED.name() }).toList());
        List<Candidate> claimed = new ArrayList<>(candidates.size());
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 1) {
                claimed.add(candidates.get(i));
            }
        }
        return claimed;
    }

    /** Each recipient's instance: business key = phone, variables contactId, contactPhone, campaignId (+ the template). */
    private void start(Campaign campaign, List<Candidate> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(campaign.processKey())
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("Campaign " + campaign.id() + ": no automation '" + campaign.processKey() + "' to start");
        }
        List<Object[]> instances = new ArrayList<>(recipients.size());
        for (Candidate recipient : recipients) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("contactId", recipient.contactId());
            variables.put("contactPhone", recipient.phone());
            variables.put("campaignId", campaign.id());
            if (campaign.isTemplate()) {
                variables.put(CampaignTemplateAutomation.TEMPLATE, campaign.templateName());
                variables.put(CampaignTemplateAutomation.LANGUAGE, campaign.templateLanguage() == null ? "" : campaign.templateLanguage());
                variables.put(CampaignTemplateAutomation.PARAMETERS, String.join("\n", campaign.templateParameters()));
            }
            String instance = runtime.createProcessInstanceById(definition.getId()).businessKey(recipient.phone())
                    .setVariables(variables).execute().getId();
            instances.add(new Object[] { instance, campaign.id(), recipient.contactId() });
            // its first steps may have recorded its message (contact, message, conversation): written, then let go, so
            // that each next recipient's queries do not dirty-check all the slice's entities again
            entities.flush();
            entities.clear();
        }
        jdbc.batchUpdate("update campaign_recipient set process_instance_id = ? where campaign_id = ? and contact_id = ?",
                instances);
    }
}
