package dev.replyflow.messaging.sandbox;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.replyflow.messaging.MessageStatus;
import dev.replyflow.messaging.MessageStatuses;
import dev.replyflow.messaging.MessageStatuses.Outcome;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.WhatsAppGateway;

/**
 * The sandbox WhatsApp: nothing leaves the machine. Every message gets a wamid and is delivered, then read,
 * a moment later, through the same status pipeline as WhatsApp's webhook.
 */
@Component
@ConditionalOnProperty(name = "replyflow.whatsapp.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxGateway implements WhatsAppGateway, DisposableBean {

    private static final long DELIVERED_AFTER_MS = 500;
    private static final long READ_AFTER_MS = 1500;

    private final MessageStatuses statuses;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-whatsapp");
        thread.setDaemon(true);
        return thread;
    });

    public SandboxGateway(MessageStatuses statuses, Clock clock) {
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public String send(OutboundMessage message) {
        String wamid = "wamid.sandbox." + UUID.randomUUID();
        report(wamid, MessageStatus.DELIVERED, DELIVERED_AFTER_MS, 10);
        report(wamid, MessageStatus.READ, READ_AFTER_MS, 10);
        return wamid;
    }

    /** The message is stored with its wamid just after send() returns: a report that comes first tries again. */
    private void report(String wamid, MessageStatus status, long delayMs, int attempts) {
        scheduler.schedule(() -> {
            if (statuses.apply(wamid, status, clock.instant(), null, null) == Outcome.UNKNOWN_MESSAGE && attempts > 1) {
                report(wamid, status, 200, attempts - 1);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
