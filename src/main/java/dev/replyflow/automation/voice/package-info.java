/**
 * The Voice Call step and its call records. Published to the {@code voicein} feature (Twilio's webhooks land there):
 * the call outcomes it records and Twilio's settings.
 */
@org.springframework.modulith.NamedInterface("voice")
package dev.replyflow.automation.voice;
