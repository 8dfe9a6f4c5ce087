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
 * The prepaid credit. A debit is one conditional UPDATE (balance never goes below zero, even with concurrent
 * sends) joined to the caller's transaction, so the conversation it pays for and the charge commit together.
 */
@Service
public class Wallet {

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
    }

    public record Balance(BigDecimal balance, String currency, String tier) {
    }

    public record Entry(String kind, BigDecimal amount, BigDecimal balance, String description, Long contactId,
            java.time.Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public Balance balance() {
        return jdbc.queryForObject("select balance, currency, tier from wallet where id = 1",
                (rs, i) -> new Balance(rs.getBigDecimal(1).setScale(2, RoundingMode.HALF_EVEN), rs.getString(2), rs.getString(3)));
    }

    /** A recharge: adds credit and sets the tier whose prices the next conversations get. */
    @Transactional
    public Balance topUp(BigDecimal amount, String actor) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw ApiException.invalid("amount", "A top-up is a positive amount with at most 2 decimals");
        }
        String tier = rateCard.tierFor(amount);
        jdbc.update("update wallet set balance = balance + ?, tier = ?, updated_at = ? where id = 1", amount, tier, now());
        record("TOP_UP", amount, "Top-up by " + actor + " (tier " + tier + ")", null);
        return balance();
    }

    /** @throws ApiException 402 when the credit does not cover the amount; then nothing is debited */
    @Transactional(propagation = Propagation.MANDATORY)
    public void debit(BigDecimal amount, String description, Long contactId) {
        if (amount.signum() == 0) {
            return;
        }
        int updated = jdbc.update("update wallet set balance = balance - ?, updated_at = ? where id = 1 and balance >= ?",
                amount, now(), amount);
        if (updated == 0) {
            Balance balance = balance();
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "Not enough credit", "This message costs " + amount
                    + " " + balance.currency() + " and the wallet has " + balance.balance() + " " + balance.currency()
                    + "; top up the wallet. Nothing was sent or charged.", null).withCode("insufficient-credit");
        }
        record("CHARGE", amount.negate(), description, contactId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(BigDecimal amount, String description, Long contactId) {
        if (amount.signum() == 0) {
            return;
        }
        jdbc.update("update wallet set balance = balance + ?, updated_at = ? where id = 1", amount, now());
        record("REFUND", amount, description, contactId);
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(int limit) {
        return jdbc.query("select kind, amount, balance, description, contact_id, created_at from wallet_entry "
                + "order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only",
                (rs, i) -> new Entry(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4),
                        (Long) rs.getObject(5, Long.class), rs.getObject(6, OffsetDateTime.class).toInstant()));
    }

    private void record(String kind, BigDecimal amount, String description, Long contactId) {
        BigDecimal balance = jdbc.queryForObject("select balance from wallet where id = 1", BigDecimal.class);
        jdbc.update("insert into wallet_entry (kind, amount, balance, description, contact_id, created_at) values (?, ?, ?, ?, ?, ?)",
                kind, amount, balance, description, contactId, now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public String currency() {
        return properties.currency();
    }
}
