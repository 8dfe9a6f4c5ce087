package dev.replyflow.messaging;

/** A message's delivery state. Outbound ones only move forward: PENDING → SENT → DELIVERED → READ, or FAILED. */
public enum MessageStatus {
    PENDING(0), SENT(1), DELIVERED(2), READ(3), FAILED(4), RECEIVED(0);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    /** Whether a status report may move a message from this status to {@code next}. */
    public boolean canMoveTo(MessageStatus next) {
        if (this == FAILED || this == RECEIVED || next == RECEIVED || next == PENDING) {
            return false;
        }
        if (next == FAILED) {
            return this == PENDING || this == SENT; // a delivered message cannot fail any more
        }
        return next.rank > rank;
    }

    public boolean isAccepted() {
        return this == SENT || this == DELIVERED || this == READ;
    }
}
