package dev.replyflow.automation.ai;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.messaging.MessageSender;
import dev.replyflow.messaging.SendRequest;
import dev.replyflow.web.ApiException;

/**
 * The AI operator at work: each new message of a contact that has one, once safely stored, is answered (free
 * text, one send per inbound wamid however often this runs) or the chat is handed over to people. Messages of
 * other contacts are left alone.
 */
@Component
public class AiOperatorReplies {

    private static final Logger log = LoggerFactory.getLogger(AiOperatorReplies.class);
    /** Answers worked on at once: each mostly waits on the model, then on WhatsApp. */
    private static final int WORKERS = 8;

    private final AiOperatorAssignments assignments;
    private final AiOperatorPolicy policy;
    private final AiHandover handover;
    private final MessageSender sender;
    private final TransactionTemplate readTx;
    private final java.util.concurrent.ExecutorService workers;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final ContactRepository contacts;

    AiOperatorReplies(AiOperatorAssignments assignments, AiOperatorPolicy policy, AiHandover handover, MessageSender sender,
            PlatformTransactionManager transactions, ContactRepository contacts) {
        this.contacts = contacts;
        this.assignments = assignments;
        this.policy = policy;
        this.handover = handover;
        this.sender = sender;
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "ai-operator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Once the message is stored, on a thread of its own: the model and WhatsApp may take seconds, and the thread that
     * stored the message still holds its connection here.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onCustomerMessage(InboundMessageReceived message) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    reply(message);
                } catch (RuntimeException e) {
                    // the message is stored: operators still see it in the chat
                    log.error("The AI operator could not handle message {} of contact {}", message.waMessageId(),
                            message.contactId(), e);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException rejected) {
            inFlight.decrementAndGet();
            log.error("The AI operator could not take message {} of contact {}", message.waMessageId(), message.contactId(),
                    rejected);
        }
    }

    /** True when no answer is being worked on (tests wait for it). */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        workers.shutdown();
    }

    void reply(InboundMessageReceived message) {
        Long contactId = message.contactId();
        // blocked means blocked: the message stays in the chat, the AI operator neither answers nor hands over
        Optional<AiSettings> assigned = readTx.execute(status -> contacts.findById(contactId).filter(c -> !c.isBlocked())
                .flatMap(c -> assignments.find(contactId)));
        if (assigned == null || assigned.isEmpty()) {
            return;
        }
        AiSettings settings = assigned.get();
        // no transaction while the answerer works: a model may take seconds
        AiDecision decision = policy.decide(message.text(), settings);
        if (decision.handsOver()) {
            handover.handOver(contactId, settings, decision.handoverReason());
            return;
        }
        try {
            sender.sendOnce(contactId, SendRequest.text(decision.answer()), "ai:" + message.waMessageId());
        } catch (ApiException refused) {
            // refused (no credit, blocked, window) or not taken by WhatsApp: the customer got nothing, so people take over
            handover.handOver(contactId, settings, "the answer could not be sent ("
                    + (refused.code() == null ? refused.title() : refused.code()) + ": " + refused.getMessage() + ")");
            return;
        }
        handover.markAnswered(contactId);
    }
}
