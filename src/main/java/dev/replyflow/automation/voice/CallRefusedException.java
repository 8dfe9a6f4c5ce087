package dev.replyflow.automation.voice;

/**
 * Twilio refused to place the call (a 4xx answer other than 429), or the request cannot be made at all (status 0):
 * retrying would not change that, so the step takes its call-failed path. {@code code} is Twilio's error code
 * (21211 …), when it gave one.
 */
class CallRefusedException extends RuntimeException {

    private final int status;
    private final Integer code;

    CallRefusedException(int status, Integer code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    Integer code() {
        return code;
    }
}
