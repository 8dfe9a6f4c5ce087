package dev.replyflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.replyflow.messaging.gateway.GatewayException;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.WhatsAppGateway;
import jakarta.annotation.PreDestroy;

/**
 * The sender pool: hands recorded messages to WhatsApp once their record committed, with no database connection
 * held during the call, so a slow WhatsApp never starves the pool and sends never serialize on its latency. Each
 * message carries its id as reference (biz_opaque_callback_data). "Slow down" and outage answers are retried after
 * growing waits; a lost outcome (timeout) waits for WhatsApp's statuses, then OutboundRecovery takes it again.
 */
@Component
public class OutboundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);
    static final String REFERENCE_PREFIX = "replyflow:";

    private final WhatsAppGateway gateway;
    private final OutboundResults results;
    private final AcceptedSends accepted;
    private final SenderProperties properties;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService retries;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final org.springframework.context.ApplicationEventPublisher events;

    OutboundDispatcher(WhatsAppGateway gateway, OutboundResults results, AcceptedSends accepted,
            SenderProperties properties, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.accepted = accepted;
        this.events = events;
        this.gateway = gateway;
        this.results = results;
        this.properties = properties;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(properties.threads(), daemon("whatsapp-sender-"));
        this.retries = Executors.newSingleThreadScheduledExecutor(daemon("whatsapp-sender-retry-"));
    }

    /** Sends the message once the caller's transaction (which recorded it) commits; nothing if it rolls back. */
    void sendAfterCommit(Long messageId, OutboundMessage message) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(messageId, message, 0);
            }
        });
    }

    /** Sends a recorded, committed message on the pool. */
    void submit(Long messageId, OutboundMessage message, int attempt) {
        inFlight.incrementAndGet();
        Instant queuedAt = clock.instant();
        try {
            pool.execute(() -> {
                try {
                    if (waitedTooLong(queuedAt)) {
                        log.info("Message {} waited over half of {} for the sender pool; OutboundRecovery sends it",
                                messageId, properties.unknownOutcomeWait());
                        return;
                    }
                    deliver(messageId, message, attempt);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException rejected) { // shutting down: OutboundRecovery sends it after the restart
            inFlight.decrementAndGet();
            log.warn("Message {} not sent now ({}); it stays pending", messageId, rejected.toString());
        }
    }

    /** True when no message is being sent, waits for a retry or for its SENT to be written (tests wait for it). */
    public boolean idle() {
        return inFlight.get() == 0 && accepted.idle();
    }

    /**
     * Whether a message has waited in the pool's queue (a slow or busy WhatsApp) for more than half of its wait for
     * statuses: every message the pool sends is due for OutboundRecovery that wait after it was queued, and a recovery
     * taking it while it is still queued here would send it twice. Left to the recovery, which claims it first.
     */
    private boolean waitedTooLong(Instant queuedAt) {
        Duration wait = properties.unknownOutcomeWait();
        return !wait.isZero() && Duration.between(queuedAt, clock.instant()).compareTo(wait.dividedBy(2)) > 0;
    }

    /** The reference WhatsApp echoes in the statuses of message {@code messageId}. */
    static String reference(Long messageId) {
        return REFERENCE_PREFIX + messageId;
    }

    private void deliver(Long messageId, OutboundMessage message, int attempt) {
        try {
            String wamid = gateway.send(new OutboundMessage(message.to(), message.content(), reference(messageId)));
            accepted.add(messageId, wamid, clock.instant());
        } catch (GatewayException e) {
            if (e.outcomeUnknown()) {
                log.warn("Message {}: {}; it may have reached WhatsApp, so it waits {} for its statuses before it is "
                        + "sent again", messageId, e.getMessage(), properties.unknownOutcomeWait());
                results.pendingUntil(messageId, clock.instant().plus(properties.unknownOutcomeWait()));
            } else if (e.retryable() && attempt < properties.retryDelays().size()) {
                retryLater(messageId, message, attempt, e);
            } else {
                results.failed(messageId, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) { // a database hiccup while recording: OutboundRecovery settles it later
            log.error("Message {}: recording the outcome of its send failed", messageId, e);
        }
    }

    private void retryLater(Long messageId, OutboundMessage message, int attempt, GatewayException e) {
        var delay = properties.retryDelays().get(attempt);
        log.info("Message {}: {} (code {}); retry {} in {}", messageId, e.getMessage(), e.code(), attempt + 1, delay);
        // should this node stop meanwhile, OutboundRecovery takes it a little after the retry was due
        results.pendingUntil(messageId, clock.instant().plus(delay).plus(properties.unknownOutcomeWait()));
        if (WhatsAppThrottled.isSlowDown(e.code())) { // campaigns lower their pace instead of pushing on
            events.publishEvent(new WhatsAppThrottled(messageId, e.code(), delay));
        }
        inFlight.incrementAndGet();
        retries.schedule(() -> {
            inFlight.decrementAndGet();
            submit(messageId, message, attempt + 1);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        retries.shutdownNow();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ThreadFactory daemon(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
