package dev.replyflow.automation.voice;

/** A call Twilio accepted: its SID (CA…) and its first status (usually queued). */
record TwilioCall(String sid, String status) {
}
