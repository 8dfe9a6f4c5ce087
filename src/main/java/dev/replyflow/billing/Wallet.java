package dev.replyflow.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.web.ApiException;

/**
 * The prepaid credit, spread over {@link #LANES} lanes: a charge takes from a lane that no other transaction holds
 * (the first from its thread's own, {@code FOR UPDATE SKIP LOCKED}), so concurrent sends lock different rows instead
 * of queueing on one, whose lock the engine's transaction keeps until it commits. Only when every lane that could pay
 * is held does it wait for one; when no lane alone can pay, every lane is locked and the credit gathered, so a send
 * is refused only when the whole balance cannot pay for it. Debits join the caller's transaction: the conversation
 * they pay for and the charge commit together. A refusal is a return value, not an exception, so the caller's
 * transaction (an engine job) stays usable for the BPMN error that reports it.
 */
@Service
public class Wallet {

    static final int LANES = 64;
    static final BigDecimal MAX_TOP_UP = new BigDecimal("100000");

    private final JdbcTemplate jdbc;
    private final RateCard rateCard;
    private final BillingProperties properties;
    private final Clock clock;

    public Wallet(JdbcTemplate jdbc, RateCard rateCard, BillingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.rateCard = rateCard;
        this.properties = properties;
        this.clock = clock;
        jdbc.update("insert into wallet (id, balance, currency, tier, updated_at) select 1, 0, ?, ?, ? "
                + "where not exists (select 1 from wallet where id = 1)", properties.currency(), rateCard.lowestTier(), now());
        for (int lane = 0; lane < LANES; lane++) {
            jdbc.update("insert into wallet_lane (lane, balance) select ?, 0 where not exists "
                    + "(select 1 from wallet_lane where lane = ?)", lane, lane);
        }
    }

    public record Balance(BigDecimal balance, String currency, String tier) {
    }

    public record Entry(String kind, BigDecimal amount, BigDecimal balance, String description, Long contactId,
            java.time.Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public Balance balance() {
        return jdbc.queryForObject("select currency, tier from wallet where id = 1",
                (rs, i) -> new Balance(total().setScale(2, RoundingMode.HALF_EVEN), rs.getString(1), rs.getString(2)));
    }

    /** The tier whose prices apply now (set by the latest top-up). */
    @Transactional(readOnly = true)
    public String tier() {
        // a parameter, not a literal: a prepared statement PostgreSQL plans once per connection, not at every send
        return jdbc.queryForObject("select tier from wallet where id = ?", String.class, 1);
    }

    /** A recharge: adds credit, spread evenly over the lanes, and sets the tier whose prices the next conversations get. */
    @Transactional
    public Balance topUp(BigDecimal amount, String actor) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw ApiException.invalid("amount", "A top-up is a positive amount with at most 2 decimals");
        }
        if (amount.compareTo(MAX_TOP_UP) > 0) { // a typo (1e20 would overflow the balance), not a payment
            throw ApiException.invalid("amount", "A top-up is at most " + MAX_TOP_UP.toPlainString());
        }
        String tier = rateCard.tierFor(amount);
        jdbc.update("update wallet set tier = ?, updated_at = ? where id = 1", tier, now());
        BigDecimal share = amount.divide(BigDecimal.valueOf(LANES), 4, RoundingMode.DOWN);
        BigDecimal rest = amount.subtract(share.multiply(BigDecimal.valueOf(LANES)));
        jdbc.update("update wallet_lane set balance = balance + ?", share);
        jdbc.update("update wallet_lane set balance = balance + ? where lane = 0", rest);
        record("TOP_UP", amount, "Top-up by " + actor + " (tier " + tier + ")", null);
        return balance();
    }

    /** @return false when the whole credit does not cover the amount; then nothing is debited */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean debit(BigDecimal amount, String description, Long contactId) {
        if (amount.signum() == 0) {
            return true;
        }
        int home = threadLane();
        if (!takeFreeLane(amount, home) && !waitForLane(amount, home) && !gather(amount)) {
            return false;
        }
        record("CHARGE", amount.negate(), description, contactId);
        return true;
    }

    /** From a lane that can pay and no other transaction holds, the first from {@code home}; false when none. */
    private boolean takeFreeLane(BigDecimal amount, int home) {
        List<Integer> free = jdbc.queryForList("select lane from wallet_lane where balance >= ? order by mod(lane + ?, ?) "
                + "fetch first 1 rows only for update skip locked", Integer.class, amount, LANES - home, LANES);
        // held by this transaction now: the update can neither wait nor find it short
        return !free.isEmpty() && jdbc.update("update wallet_lane set balance = balance - ? where lane = ?", amount,
                free.get(0)) == 1;
    }

    /** Every lane that could pay is held: waits for them in turn; false when none of them can pay. */
    private boolean waitForLane(BigDecimal amount, int home) {
        for (int i = 0; i < LANES; i++) {
            if (jdbc.update("update wallet_lane set balance = balance - ? where lane = ? and balance >= ?", amount,
                    (home + i) % LANES, amount) == 1) {
                return true;
            }
        }
        return false;
    }

    /** The refusal a caller reports when {@link #debit} returned false. */
    public ApiException noCredit(BigDecimal amount) {
        Balance balance = balance();
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, "Not enough credit", "This message costs " + amount
                + " " + balance.currency() + " and the wallet has " + balance.balance() + " " + balance.currency()
                + "; top up the wallet. Nothing was sent or charged.", null).withCode("insufficient-credit");
    }

    /**
     * Sets credit aside (a campaign's estimated cost) in the caller's transaction: all lanes are locked and the amount
     * taken from their sum. @return false when the whole credit does not cover it; then nothing is taken
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean reserve(BigDecimal amount, String description) {
        if (amount.signum() == 0) {
            return true;
        }
        if (!gather(amount)) {
            return false;
        }
        record("RESERVE", amount.negate(), description, null);
        return true;
    }

    /** Gives reserved credit back (to be spent by the sends it was reserved for, or because they will not happen). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(BigDecimal amount, String description) {
        if (amount.signum() == 0) {
            return;
        }
        jdbc.update("update wallet_lane set balance = balance + ? where lane = 0", amount);
        record("RELEASE", amount, description, null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(BigDecimal amount, String description, Long contactId) {
        if (amount.signum() == 0) {
            return;
        }
        jdbc.update("update wallet_lane set balance = balance + ? where lane = ?", amount, threadLane());
        record("REFUND", amount, description, contactId);
    }

    /**
     * No single lane could pay: lock every lane (in lane order, as every gatherer does), and when their sum pays,
     * debit it and spread what remains evenly again. Rare: only when the credit runs low.
     */
    private boolean gather(BigDecimal amount) {
        List<BigDecimal> lanes = jdbc.queryForList("select balance from wallet_lane order by lane for update", BigDecimal.class);
        BigDecimal sum = lanes.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(amount) < 0) {
            return false;
        }
        BigDecimal left = sum.subtract(amount);
        BigDecimal share = left.divide(BigDecimal.valueOf(LANES), 4, RoundingMode.DOWN);
        jdbc.update("update wallet_lane set balance = ?", share);
        jdbc.update("update wallet_lane set balance = balance + ? where lane = 0", left.subtract(share.multiply(BigDecimal.valueOf(LANES))));
        return true;
    }

    /** This thread's lane: concurrent threads (job executor, requests, the sender pool) mostly touch different rows. */
    private static int threadLane() {
        return (int) Math.floorMod(Thread.currentThread().getId(), (long) LANES);
    }

    private BigDecimal total() {
        BigDecimal sum = jdbc.queryForObject("select sum(balance) from wallet_lane", BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(int limit) {
        return jdbc.query("select kind, amount, balance, description, contact_id, created_at from wallet_entry "
                + "order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only",
                (rs, i) -> new Entry(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4),
                        (Long) rs.getObject(5, Long.class), rs.getObject(6, OffsetDateTime.class).toInstant()));
    }

    private void record(String kind, BigDecimal amount, String description, Long contactId) {
        // the sum of the lanes as this transaction sees them (concurrent charges may land in between), in the insert
        // itself: one statement per charge instead of two
        jdbc.update("insert into wallet_entry (kind, amount, balance, description, contact_id, created_at) "
                + "select ?, ?, coalesce(sum(balance), 0), ?, cast(? as bigint), ? from wallet_lane",
                kind, amount, description, contactId, now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public String currency() {
        return properties.currency();
    }
}
