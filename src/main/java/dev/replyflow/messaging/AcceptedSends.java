package dev.replyflow.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Records the sends WhatsApp took, many per transaction: at hundreds of sends a second, one commit per SENT costs more
 * than the send itself, so the writer lets them gather for a moment (without that, a profile of the core loop found a
 * tenth of the CPU in this thread's commits of a row or two each). Nothing is lost by waiting: a message not yet
 * marked SENT is still PENDING with its {@code next_attempt_at}, and its status webhook (carrying its reference)
 * settles it should this node die first.
 */
@Component
class AcceptedSends {

    private static final Logger log = LoggerFactory.getLogger(AcceptedSends.class);
    private static final int BATCH = 500;
    private static final int ATTEMPTS = 5;
    /** How long the writer lets sends gather after the first: a commit costs more than its rows (H2 writes its pages). */
    private static final long GATHER_MILLIS = 100;

    private record Accepted(long messageId, String wamid, Instant at) {
    }

    private final BlockingQueue<Accepted> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Thread writer;
    private volatile boolean running = true;

    AcceptedSends(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.writer = new Thread(this::writeLoop, "whatsapp-accepted-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void add(Long messageId, String wamid, Instant at) {
        unwritten.incrementAndGet();
        queue.add(new Accepted(messageId, wamid, at));
    }

    /** True when every accepted send is written (tests wait for it). */
    boolean idle() {
        return unwritten.get() == 0;
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            try {
                Accepted first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    if (running) {
                        Thread.sleep(GATHER_MILLIS);
                    }
                    List<Accepted> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Accepted> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> jdbc.batchUpdate("update message set status = 'SENT', "
                        + "wa_message_id = ?, status_at = ?, next_attempt_at = null where id = ? and status = 'PENDING'",
                        batch.stream().map(a -> new Object[] { a.wamid(), OffsetDateTime.ofInstant(a.at(), ZoneOffset.UTC), a.messageId() }).toList()));
                break;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !running) { // still PENDING: their statuses (or OutboundRecovery) settle them
                    log.error("Recording {} accepted sends failed; they stay pending until their statuses arrive",
                            batch.size(), e);
                    break;
                }
                Thread.sleep(200L * attempt);
            }
        }
        unwritten.addAndGet(-batch.size());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }
}
