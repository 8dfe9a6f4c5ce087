package dev.replyflow.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.Wallet;
import dev.replyflow.web.ApiException;

/**
 * Launch, pause, resume, cancel. Each locks the campaign row, so it never interleaves with a running slice: once a
 * pause commits, the next slice (due within a second) starts nobody.
 * <p>
 * Launch records every audience contact as a recipient row (QUEUED, or EXCLUDED with its reason), reserves the
 * estimated cost in the wallet (402 with the shortfall, and nothing recorded, when it does not cover it) and
 * schedules the first slice. Slices release the reservation of the recipients they dispatch, whose messages then
 * charge the wallet as any message does; cancel and completion release what is left, so the balance stays exact.
 */
@Service
class CampaignLifecycle {

    private static final int BATCH = 1000;

    private final CampaignStore store;
    private final CampaignDefinitions definitions;
    private final AudienceScan scan;
    private final SliceJobs jobs;
    private final Wallet wallet;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CampaignLifecycle(CampaignStore store, CampaignDefinitions definitions, AudienceScan scan, SliceJobs jobs, Wallet wallet,
            JdbcTemplate jdbc, Clock clock) {
        this.store = store;
        this.definitions = definitions;
        this.scan = scan;
        this.jobs = jobs;
        this.wallet = wallet;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void launch(long id) {
        Campaign campaign = locked(id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw conflict(campaign, "launched");
        }
        definitions.checkSendable(campaign);
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>(BATCH);
        BigDecimal[] total = { BigDecimal.ZERO };
        long[] recipients = { 0 };
        scan.scan(campaign, definitions.whatItSends(campaign), now, contact -> {
            boolean excluded = contact.reason() != null;
            rows.add(new Object[] { id, contact.contactId(), (excluded ? RecipientStatus.EXCLUDED : RecipientStatus.QUEUED).name(),
                    contact.reason(), contact.estimate(), contact.countsAgainstLimit() });
            total[0] = total[0].add(contact.estimate());
            recipients[0] += excluded ? 0 : 1;
            if (rows.size() == BATCH) {
                insert(rows);
            }
        });
        insert(rows);
        if (!wallet.reserve(total[0], "Campaign '" + campaign.name() + "': reserved for " + recipients[0] + " recipient(s)")) {
            BigDecimal balance = wallet.balance().balance();
            BigDecimal shortfall = CampaignPreviews.money(total[0].subtract(balance).max(BigDecimal.ZERO));
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "Not enough credit", "Campaign '" + campaign.name()
                    + "' is estimated at " + CampaignPreviews.money(total[0]) + " " + wallet.currency() + " and the wallet has "
                    + balance + " " + wallet.currency() + ": top up at least " + shortfall + " " + wallet.currency()
                    + ". Nothing was started.", null).withCode("insufficient-credit").withProperty("shortfall", shortfall)
                    .withProperty("estimatedCost", CampaignPreviews.money(total[0])).withProperty("currency", wallet.currency());
        }
        boolean later = campaign.startAt() != null && campaign.startAt().isAfter(now);
        store.launched(id, later ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING, total[0], now);
        jobs.schedule(id, store.nextSlice(id), later ? campaign.startAt() : now);
    }

    private void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into campaign_recipient (campaign_id, contact_id, status, reason, estimate, "
                    + "counts_against_limit) values (?, ?, ?, ?, ?, ?)", rows);
            rows.clear();
        }
    }

    @Transactional
    public void pause(long id) {
        Campaign campaign = locked(id);
        if (campaign.status() != CampaignStatus.RUNNING && campaign.status() != CampaignStatus.SCHEDULED) {
            throw conflict(campaign, "paused");
        }
        store.status(id, CampaignStatus.PAUSED);
    }

    @Transactional
    public void resume(long id) {
        Campaign campaign = locked(id);
        if (campaign.status() != CampaignStatus.PAUSED) {
            throw conflict(campaign, "resumed");
        }
        Instant now = clock.instant();
        boolean later = campaign.startAt() != null && campaign.startAt().isAfter(now);
        store.status(id, later ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING);
        jobs.schedule(id, store.nextSlice(id), later ? campaign.startAt() : now);
    }

    /** Starts nobody new; instances already started go on. The credit reserved for the queued recipients comes back. */
    @Transactional
    public void cancel(long id) {
        Campaign campaign = locked(id);
        if (campaign.status() != CampaignStatus.DRAFT && !campaign.status().active()) {
            throw conflict(campaign, "cancelled");
        }
        jdbc.update("update campaign_recipient set status = ? where campaign_id = ? and status = ?",
                RecipientStatus.CANCELLED.name(), id, RecipientStatus.QUEUED.name());
        wallet.release(campaign.reserved(), "Campaign '" + campaign.name() + "' cancelled: reserved credit given back");
        store.finished(id, CampaignStatus.CANCELLED, clock.instant());
    }

    private Campaign locked(long id) {
        return store.lock(id).orElseThrow(() -> ApiException.notFound("Campaign", id));
    }

    private static ApiException conflict(Campaign campaign, String what) {
        return ApiException.conflict("Campaign is " + campaign.status(), "Campaign " + campaign.id() + " is "
                + campaign.status() + " and cannot be " + what + " now", "status");
    }
}
