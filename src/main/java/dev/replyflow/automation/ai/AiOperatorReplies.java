package dev.replyflow.automation.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.messaging.InboundMessageReceived;
import dev.replyflow.messaging.Message;
import dev.replyflow.messaging.MessageRepository;
import dev.replyflow.messaging.MessageSender;
import dev.replyflow.messaging.SendRequest;
import dev.replyflow.web.ApiException;

/**
 * The AI operator at work: each new message of a contact that has one is answered (free text) or the chat is handed
 * over to people. A durable duty: {@link AiAnswerDue} is published in the transaction that stores the message, and
 * Spring Modulith's event publication registry stores it with the message; once that commits, a worker answers it with
 * no transaction held while the model thinks. The publication is deleted when the answer is done; one whose answerer
 * failed stays, is asked again (AiAnswerRetries) and is published again when a node starts. At most one answer per
 * message: it is sent under the key ai:&lt;wamid&gt;, never twice (MessageSender.sendOnce), and a duty that finds
 * that key taken does nothing.
 */
@Component
public class AiOperatorReplies {

    /** The registry's name for this duty (its rows' listener_id): keep it when renaming the method. */
    static final String LISTENER_ID = "ai-operator-answer";

    private final AiOperatorAssignments assignments;
    private final AiOperatorPolicy policy;
    private final AiHandover handover;
    private final MessageSender sender;
    private final ContactRepository contacts;
    private final MessageRepository messages;
    private final ApplicationEventPublisher events;
    private final AiOperatorWorkers workers;
    private final Clock clock;
    private final Duration giveUpAfter;
    private final TransactionTemplate readTx;
    /** Answers this node has in hand (running or handed to a worker), so that a retry does not hand them over again. */
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();

    AiOperatorReplies(AiOperatorAssignments assignments, AiOperatorPolicy policy, AiHandover handover, MessageSender sender,
            ContactRepository contacts, MessageRepository messages, ApplicationEventPublisher events,
            AiOperatorWorkers workers, Clock clock, PlatformTransactionManager transactions,
            @Value("${replyflow.ai.give-up-after:PT10M}") Duration giveUpAfter) {
        this.assignments = assignments;
        this.policy = policy;
        this.handover = handover;
        this.sender = sender;
        this.contacts = contacts;
        this.messages = messages;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
        this.giveUpAfter = giveUpAfter;
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
    }

    /** In the transaction that stores the message: the duty to answer commits with it (blocked contacts get none). */
    @EventListener
    void onStored(InboundMessageReceived message) {
        if (message.messageId() != null && assignments.answersFor(message.contactId())) {
            events.publishEvent(new AiAnswerDue(message.messageId(), message.contactId(), message.waMessageId()));
        }
    }

    /**
     * Once the message is stored, on a worker: the model and WhatsApp may take seconds, and the thread that stored the
     * message still holds its connection here. Returning marks the duty done; throwing leaves it for a retry.
     */
    @Async(AiOperatorWorkers.NAME)
    @TransactionalEventListener(id = LISTENER_ID)
    public void onAnswerDue(AiAnswerDue due) {
        inHand.add(due.messageId());
        try {
            answer(due);
        } finally {
            inHand.remove(due.messageId());
        }
    }

    /** Takes an outstanding answer for a retry, unless this node has it in hand already. */
    boolean take(Long messageId) {
        return inHand.add(messageId);
    }

    /** True when no answer is being worked on (tests wait for it). */
    public boolean idle() {
        return workers.idle();
    }

    private record Question(String text, Instant receivedAt, AiSettings settings) {
    }

    void answer(AiAnswerDue due) {
        Optional<Question> question = readTx.execute(status -> question(due));
        if (question == null || question.isEmpty()) {
            return;
        }
        Long contactId = due.contactId();
        AiSettings settings = question.get().settings();
        AiDecision decision;
        try {
            // no transaction while the answerer works: a model may take seconds
            decision = policy.decide(question.get().text(), settings);
        } catch (RuntimeException failed) {
            Duration waited = Duration.between(question.get().receivedAt(), clock.instant());
            if (waited.compareTo(giveUpAfter) < 0) {
                throw failed; // the duty stays outstanding: asked again later
            }
            decision = AiDecision.handover("the AI answerer kept failing for " + waited.toMinutes() + " minutes ("
                    + (failed instanceof AnswererUnavailable ? failed.getMessage() : failed.getClass().getSimpleName()) + ")");
        }
        if (decision.handsOver()) {
            handover.handOver(contactId, settings, decision.handoverReason());
            return;
        }
        try {
            sender.sendOnce(contactId, SendRequest.text(decision.answer()), key(due));
        } catch (ApiException refused) {
            // refused (no credit, blocked, window) or not taken by WhatsApp: the customer got nothing, so people take over
            handover.handOver(contactId, settings, "the answer could not be sent ("
                    + (refused.code() == null ? refused.title() : refused.code()) + ": " + refused.getMessage() + ")");
            return;
        }
        handover.markAnswered(contactId);
    }

    /** What to answer, or nothing: blocked means blocked; no AI operator any more; answered already; message gone. */
    private Optional<Question> question(AiAnswerDue due) {
        if (contacts.findById(due.contactId()).filter(c -> !c.isBlocked()).isEmpty()
                || messages.findByIdempotencyKey(key(due)).isPresent()) {
            return Optional.empty();
        }
        Optional<AiSettings> settings = assignments.find(due.contactId());
        Optional<Message> message = messages.findById(due.messageId());
        if (settings.isEmpty() || message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Question(message.get().getText(), message.get().getCreatedAt(), settings.get()));
    }

    private static String key(AiAnswerDue due) {
        return "ai:" + due.waMessageId();
    }
}
