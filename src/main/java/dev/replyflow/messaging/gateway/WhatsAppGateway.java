package dev.replyflow.messaging.gateway;

/**
 * Sends one message to WhatsApp. Two implementations, chosen by {@code replyflow.whatsapp.provider}:
 * {@code sandbox} (nothing leaves the machine) and {@code cloud-api} (Meta's WhatsApp Cloud API).
 */
public interface WhatsAppGateway {

    /**
     * @return the WhatsApp message id (wamid) of the accepted message
     * @throws GatewayException when WhatsApp refuses the message; {@link GatewayException#retryable()} tells
     *         whether the same message may succeed later (rate limits, outages)
     */
    String send(OutboundMessage message);
}
