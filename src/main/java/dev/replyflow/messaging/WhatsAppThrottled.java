package dev.replyflow.messaging;

import java.time.Duration;

/**
 * WhatsApp answered "slow down" (130429: the number's throughput; 131056: too many to one user) and the sender pool
 * will try the message again after {@code retryIn}. Senders of volume (campaigns) listen and lower their pace.
 */
public record WhatsAppThrottled(Long messageId, Integer code, Duration retryIn) {

    public static final int THROUGHPUT_EXCEEDED = 130429;
    public static final int PAIR_RATE_EXCEEDED = 131056;

    public static boolean isSlowDown(Integer code) {
        return code != null && (code == THROUGHPUT_EXCEEDED || code == PAIR_RATE_EXCEEDED);
    }
}
