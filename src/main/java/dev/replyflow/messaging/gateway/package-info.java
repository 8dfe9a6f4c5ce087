/**
 * What a message carries (OutboundMessage) and the gateway that sends it: published, as a Send Message step builds
 * buttons and media from its parameters.
 */
@org.springframework.modulith.NamedInterface("gateway")
package dev.replyflow.messaging.gateway;
