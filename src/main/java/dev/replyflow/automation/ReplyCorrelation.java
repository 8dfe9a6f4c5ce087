package dev.replyflow.automation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.replyflow.messaging.InboundMessageReceived;

/**
 * Hands a customer's message to every automation of that contact waiting for its reply (message
 * {@code customer-reply}, business key = phone), after the message is safely stored (see InboundRouter). The reply races the No
 * Response timer: whichever commits first wins. When the timer won, a retry finds nobody waiting and the late
 * reply changes nothing in the automation (it stays in the chat).
 */
@Component
public class ReplyCorrelation {

    public static final String MESSAGE = "customer-reply";
    private static final int ATTEMPTS = 5;

    private final RuntimeService runtime;
    private final TransactionTemplate tx;

    public ReplyCorrelation(RuntimeService runtime, PlatformTransactionManager transactions) {
        this.runtime = runtime;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * @return how many waiting automations took the reply. Inside a transaction (the routing job) one attempt: a lost
     *         race fails it and the job runs again. Without one, each attempt in a transaction of its own.
     */
    public int correlate(InboundMessageReceived message) {
        Map<String, Object> variables = variables(message);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(message.phone())
                    .setVariables(variables).correlateAllWithResult().size();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Integer taken = tx.execute(status -> runtime.createMessageCorrelation(MESSAGE)
                        .processInstanceBusinessKey(message.phone()).setVariables(variables).correlateAllWithResult().size());
                return taken == null ? 0 : taken;
            } catch (RuntimeException failure) {
                // A No Response timer (or another reply) committed first on one of the waiting automations, or the
                // database chose this transaction as a deadlock victim. Under READ COMMITTED (PostgreSQL) the loss
                // can also surface inside Camunda's correlation as a wait that vanished between its query and its
                // trigger. Nothing was written (the transaction rolled back): try again, and whoever still waits
                // gets the reply. A failure that persists is not a race and is thrown.
                if (attempt == ATTEMPTS) {
                    throw failure; // not a race any more: the caller (a routing job) fails and is retried, visibly
                }
                pause(attempt);
            }
        }
    }

    /** The variables a customer's message gives the automation that takes it (null values allowed). */
    static Map<String, Object> variables(InboundMessageReceived message) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("replyText", message.text());
        variables.put("replyPayload", message.payload());
        variables.put("replyMessageId", message.waMessageId());
        return variables;
    }

    /** A short, growing pause, so that the transaction it raced with can finish first. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(15L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
