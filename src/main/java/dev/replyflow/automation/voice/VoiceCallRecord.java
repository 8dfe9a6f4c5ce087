package dev.replyflow.automation.voice;

import java.time.Instant;

/** A row of voice_call: a call this step execution started, placed (with a SID), refused, or of unknown outcome. */
record VoiceCallRecord(long id, long contactId, String executionKey, String callSid, String status, Instant createdAt) {

    static final String STARTING = "starting";
    static final String FAILED = "failed";

    /** Twilio took the call: it has a SID. */
    boolean isPlaced() {
        return callSid != null;
    }

    /** Twilio refused it: this visit of the step never called. */
    boolean isRefused() {
        return callSid == null && FAILED.equals(status);
    }
}
