package dev.replyflow.voicein;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.automation.voice.VoiceCallOutcomes;
import dev.replyflow.delivery.SignedDeliveries;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's voice webhook (inbound call and status callback): POST /webhooks/voice/twilio, form-encoded, run by the
 * signed-delivery pipeline ({@link VoiceWebhook}). The X-Twilio-Signature (see {@link TwilioSignature}, keyed with
 * replyflow.voice.auth-token, over replyflow.voice.webhook-url when set, else the URL as requested) is the
 * authentication: unsigned, wrongly signed (or with no token configured) deliveries are refused with 401, bodies over
 * 64 KB with 413, deliveries without From or CallSid with 400. An inbound call ringing is {@code incoming}; one ending
 * no-answer, busy, canceled or failed is {@code missed}; one completed is {@code completed}. Each upserts the caller
 * (From, E.164) as a contact and stores the start of the automations whose signal start event is
 * {@code voice:<event>} (caller's phone as business key; variables callSid, callStatus and calledNumber), once per
 * CallSid and event, which an engine job then runs, retried until done. An outbound call (a Voice Call step's) starts
 * nothing: its final status is noted in the contact's chat ({@link VoiceCallOutcomes}). Other statuses and callers
 * without a phone number (client:…, anonymous) start nothing. Always answers an empty TwiML {@code <Response/>}: the
 * call itself is handled elsewhere.
 */
@RestController
public class VoiceWebhookController {

    static final String PATH = "/webhooks/voice/twilio";

    private final SignedDeliveries deliveries;
    private final VoiceWebhook voice;

    VoiceWebhookController(SignedDeliveries deliveries, VoiceWebhook voice) {
        this.deliveries = deliveries;
        this.voice = voice;
    }

    @PostMapping(PATH)
    public ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(deliveries.receive(request, voice));
    }
}
