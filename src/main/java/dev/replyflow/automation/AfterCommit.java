package dev.replyflow.automation;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a reaction once the current transaction has committed, as {@code @TransactionalEventListener(AFTER_COMMIT)}
 * does, but outside Spring Modulith's event publication registry, which stores the event of every such listener to
 * make it a durable duty. These reactions stay best-effort, as they were (their events can be large: an import's
 * 100,000 members); the duties that must not be lost are registry listeners (the AI operator's answers). Without a
 * transaction nothing runs, as with that listener.
 */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(Runnable reaction) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    reaction.run();
                }
            }
        });
    }
}
