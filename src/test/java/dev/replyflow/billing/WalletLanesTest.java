package dev.replyflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.support.ApiTest;

/** Concurrent charges do not queue on one another's lanes (each transaction keeps its lane locked until it commits). */
class WalletLanesTest extends ApiTest {

    @Autowired
    Wallet wallet;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aChargeTakesALaneNobodyHoldsInsteadOfWaitingForOne() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        wallet.topUp(new BigDecimal("64.00"), "test"); // a euro on every lane
        BigDecimal before = wallet.balance().balance();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // as 63 sends in flight would: every lane but the last is locked until their transactions end
        Future<?> inFlight = threads.submit(() -> tx.executeWithoutResult(status -> {
            jdbc.queryForList("select lane from wallet_lane where lane < ? order by lane for update", Wallet.LANES - 1);
            held.countDown();
            awaitQuietly(release);
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        Future<Boolean> charge = threads.submit(() -> tx.execute(status -> wallet.debit(new BigDecimal("0.05"), "test", null)));
        await().atMost(Duration.ofSeconds(30)).until(charge::isDone);

        assertThat(charge.get()).as("charged while the other lanes are held").isTrue();
        assertThat(inFlight.isDone()).as("the other transaction is still open").isFalse();
        release.countDown();
        inFlight.get(30, TimeUnit.SECONDS);
        assertThat(wallet.balance().balance()).isEqualByComparingTo(before.subtract(new BigDecimal("0.05")));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
