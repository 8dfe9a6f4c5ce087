package dev.replyflow.automation.voice;

/**
 * Twilio did not place the call but may later (5xx, 429, no connection): the worker retries the call on the engine's
 * retry cycle, and finally raises an incident.
 */
class VoiceUnavailableException extends RuntimeException {

    VoiceUnavailableException(String message) {
        super(message);
    }

    VoiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
