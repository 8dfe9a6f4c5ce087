package dev.replyflow.automation.integrations;

/**
 * The service could not be reached or was busy (5xx, 429, timeout, connection error): the same request may
 * succeed later: the worker retries the call on the engine's retry cycle, and finally raises an incident.
 */
public class IntegrationUnavailableException extends RuntimeException {

    public IntegrationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
