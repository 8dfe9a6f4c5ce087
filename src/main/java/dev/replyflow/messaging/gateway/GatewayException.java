package dev.replyflow.messaging.gateway;

/** WhatsApp refused a message: {@code code} is WhatsApp's error code when it gave one. */
public class GatewayException extends RuntimeException {

    private final boolean retryable;
    private final Integer code;

    public GatewayException(String message, Integer code, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    /** True when the same message may succeed later (rate limits, WhatsApp or network outages). */
    public boolean retryable() {
        return retryable;
    }

    public Integer code() {
        return code;
    }
}
