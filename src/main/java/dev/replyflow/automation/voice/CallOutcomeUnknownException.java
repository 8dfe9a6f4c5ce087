package dev.replyflow.automation.voice;

/**
 * The request reached (or may have reached) Twilio, but no usable answer came back: the call may be ringing right
 * now. Not calling again is the only safe choice, so this ends as an incident for a person to check.
 */
class CallOutcomeUnknownException extends RuntimeException {

    CallOutcomeUnknownException(String message) {
        super(message);
    }

    CallOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
