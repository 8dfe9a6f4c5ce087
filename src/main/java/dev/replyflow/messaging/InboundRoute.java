package dev.replyflow.messaging;

import java.util.List;

/**
 * Routes a stored customer message now, on the caller's thread, instead of leaving it to its routing job (the
 * sandbox does, so an analyst sees the automation move at once). Implemented by the automation feature.
 */
public interface InboundRoute {

    /** Routes the contact's stored, unrouted messages up to {@code messageId}; a failure leaves them to their job. */
    void routeNow(Long contactId, Long messageId);

    /**
     * Routes, in the caller's transaction, the contact's stored messages still unrouted, then {@code stored}: its messages
     * that the caller stored with {@link InboundMessages#receiveToRoute} (which locked the contact), oldest first. A
     * failure throws and rolls the transaction back.
     */
    void routeStored(List<InboundMessageReceived> stored);
}
