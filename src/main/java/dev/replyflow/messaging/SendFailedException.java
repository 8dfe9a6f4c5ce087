package dev.replyflow.messaging;

import org.springframework.http.HttpStatus;

import dev.replyflow.web.ApiException;

/**
 * WhatsApp did not take a message. Retryable (503): it stays pending and the same idempotency key sends it
 * later without a second charge. Not retryable (502): it is failed, with WhatsApp's code, and its charge refunded.
 */
public class SendFailedException extends ApiException {

    private final boolean retryable;
    private final Integer whatsAppCode;

    SendFailedException(boolean retryable, Integer code, String detail) {
        super(retryable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY,
                retryable ? "WhatsApp is not taking messages now" : "WhatsApp refused the message", detail, null);
        this.retryable = retryable;
        this.whatsAppCode = code;
        withCode(MessageSender.FAILED);
    }

    public boolean retryable() {
        return retryable;
    }

    /** WhatsApp's error code, when it gave one. */
    public Integer whatsAppCode() {
        return whatsAppCode;
    }
}
