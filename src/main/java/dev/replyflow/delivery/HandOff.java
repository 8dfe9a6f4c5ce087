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

    void run(T payload);
}
