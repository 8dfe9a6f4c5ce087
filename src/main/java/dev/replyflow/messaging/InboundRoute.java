package dev.replyflow.messaging;

/**
 * Routes a stored customer message now, on the caller's thread, instead of leaving it to its routing job (the
 * sandbox does, so an analyst sees the automation move at once). Implemented by the automation feature.
 */
public interface InboundRoute {

    /** Routes the contact's stored, unrouted messages up to {@code messageId}; a failure leaves them to their job. */
    void routeNow(Long contactId, Long messageId);

    /**
     * Routes the contact's stored, unrouted messages up to {@code last} in the caller's transaction, for a caller that
     * stored them with {@link InboundMessages#receiveToRoute} (which locked the contact); a failure throws and rolls the
     * transaction back.
     */
    void routeStored(InboundMessageReceived last);
}
