package dev.replyflow.automation.calls;

/**
 * A remote call failed in a way retrying cannot fix and that is not the analyst's error path (for instance a call
 * whose outcome is unknown, which must not be made again): the step becomes an incident at once, for a person to check.
 */
public class UnrecoverableCallException extends RuntimeException {

    public UnrecoverableCallException(String message) {
        super(message);
    }

    public UnrecoverableCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
