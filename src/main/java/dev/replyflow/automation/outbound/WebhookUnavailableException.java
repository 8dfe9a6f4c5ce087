package dev.replyflow.automation.outbound;

/**
 * The receiver could not be reached or failed (5xx, timeout, connection error): thrown out of the step so that
 * the engine rolls the job back, retries it and finally raises an incident.
 */
class WebhookUnavailableException extends RuntimeException {

    WebhookUnavailableException(String message) {
        super(message);
    }

    WebhookUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
