package dev.replyflow.automation.outbound;

/**
 * The receiver could not be reached or failed (5xx, timeout, connection error): the worker retries the call on the
 * engine's retry cycle, and finally raises an incident.
 */
class WebhookUnavailableException extends RuntimeException {

    WebhookUnavailableException(String message) {
        super(message);
    }

    WebhookUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
