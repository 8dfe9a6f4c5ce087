/**
 * WhatsApp's messaging limit as every sender uses it: who was reached with a business-initiated message, when.
 */
@org.springframework.modulith.NamedInterface("reach")
package dev.replyflow.messaging.reach;
