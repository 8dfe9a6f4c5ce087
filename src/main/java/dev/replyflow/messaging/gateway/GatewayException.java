package dev.replyflow.messaging.gateway;

/** WhatsApp refused a message: {@code code} is WhatsApp's error code when it gave one. */
public class GatewayException extends RuntimeException {

    private final boolean retryable;
    private final Integer code;
    private final boolean outcomeUnknown;

    public GatewayException(String message, Integer code, boolean retryable, Throwable cause) {
        this(message, code, retryable, false, cause);
    }

    public GatewayException(String message, Integer code, boolean retryable, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * True when the request may have reached WhatsApp (no answer in time, connection lost mid-way): sending it again
     * at once could deliver it twice, so the sender waits for WhatsApp's status webhooks first.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** True when the same message may succeed later (rate limits, WhatsApp or network outages). */
    public boolean retryable() {
        return retryable;
    }

    public Integer code() {
        return code;
    }
}
