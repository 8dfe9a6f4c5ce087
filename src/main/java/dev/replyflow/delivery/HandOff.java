package dev.replyflow.delivery;

/**
 * What a stored delivery leads to (starting its automations, say), run by its hand-off job in the job's transaction:
 * a failure rolls it back and the job tries again later. Implemented by the features that do the work.
 *
 * @param <T> what the delivery stored for it (a record Jackson writes and reads)
 */
public interface HandOff<T> {

    /** Stored with each delivery: keep it stable, pending deliveries find their hand-off by it. */
    String name();

    Class<T> payloadType();

    /** In the job's transaction, when the delivery's hand-off job runs it. */
    void run(T payload);

    /**
     * At once after the delivery committed ({@link HandOffs#handOffAtOnce}), in a shared transaction with other work: may
     * do more in it than {@link #run} (route what it stored, say), since a failure leaves the delivery to its job.
     */
    default void runAtOnce(T payload) {
        run(payload);
    }
}
