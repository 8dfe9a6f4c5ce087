package dev.replyflow.automation.voice;

import dev.replyflow.automation.calls.UnrecoverableCallException;

/**
 * The request reached (or may have reached) Twilio, but no usable answer came back: the call may be ringing right
 * now. Not calling again is the only safe choice, so this is an incident at once, for a person to check.
 */
class CallOutcomeUnknownException extends UnrecoverableCallException {

    CallOutcomeUnknownException(String message) {
        super(message);
    }

    CallOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
