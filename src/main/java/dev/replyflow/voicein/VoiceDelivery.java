package dev.replyflow.voicein;

import java.util.List;

/**
 * A signed Twilio voice delivery as read: an inbound call's event ({@code incoming}, {@code missed}, {@code completed})
 * for a caller with a phone number, a Voice Call step's call status ({@code outbound}), or nothing to act on.
 */
record VoiceDelivery(Kind kind, String callSid, String event, String phone, String status, String calledNumber,
        String duration) {

    enum Kind { INBOUND_EVENT, OUTBOUND_STATUS, NOTHING }

    static VoiceDelivery nothing(String callSid) {
        return new VoiceDelivery(Kind.NOTHING, callSid, null, null, null, null, null);
    }

    /** One hand-off per call and event: Twilio's retries, and repeated status callbacks, change nothing. */
    List<String> keys() {
        return kind == Kind.INBOUND_EVENT ? List.of(callSid + ":" + event) : List.of();
    }

    String signal() {
        return "voice:" + event;
    }
}
