package dev.replyflow.automation.voice;

/**
 * Twilio did not place the call but may later (5xx, 429, no connection): thrown out of the step so that the engine
 * rolls the job back, retries it and finally raises an incident.
 */
class VoiceUnavailableException extends RuntimeException {

    VoiceUnavailableException(String message) {
        super(message);
    }

    VoiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
