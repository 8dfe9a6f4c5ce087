package dev.replyflow.voicein;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.SignalHandOff;
import dev.replyflow.automation.voice.VoiceCallOutcomes;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.delivery.HandOffs;
import dev.replyflow.delivery.SignedWebhook;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's voice deliveries in the signed-delivery pipeline: form-encoded, at most 64 KB, signed with X-Twilio-Signature
 * ({@link TwilioSignature}). An inbound call's event upserts the caller and stores the start of its {@code voice:<event>}
 * automations as the hand-off, once per CallSid and event; a Voice Call step's call status is noted on its call.
 */
@Component
class VoiceWebhook implements SignedWebhook<VoiceDelivery, String> {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final int MAX_BYTES = 64 * 1024;
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final int MAX_CALL_SID = 64;
    private static final Logger log = LoggerFactory.getLogger(VoiceWebhook.class);

    private final VoiceWebhookSettings settings;
    private final PhoneNumbers phoneNumbers;
    private final ContactService contacts;
    private final HandOffs handOffs;
    private final SignalHandOff automations;
    private final VoiceCallOutcomes outcomes;

    VoiceWebhook(VoiceWebhookSettings settings, PhoneNumbers phoneNumbers, ContactService contacts, HandOffs handOffs,
            SignalHandOff automations, VoiceCallOutcomes outcomes) {
        this.settings = settings;
        this.phoneNumbers = phoneNumbers;
        this.contacts = contacts;
        this.handOffs = handOffs;
        this.automations = automations;
        this.outcomes = outcomes;
    }

    @Override
    public String name() {
        return "Twilio voice webhook";
    }

    @Override
    public String source() {
        return "twilio-voice";
    }

    @Override
    public int maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public String signatureHeader() {
        return SIGNATURE_HEADER;
    }

    @Override
    public boolean signed(HttpServletRequest request, byte[] body) {
        String token = settings.authToken();
        if (token == null) {
            log.warn("A Twilio voice webhook delivery was refused: replyflow.voice.auth-token is not configured");
            return false;
        }
        return TwilioSignature.matches(urlOf(request), formParameters(request, body), request.getHeader(SIGNATURE_HEADER),
                token);
    }

    @Override
    public VoiceDelivery read(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> parameters = formParameters(request, body);
        String from = first(parameters, "From");
        String callSid = first(parameters, "CallSid");
        if (from == null) {
            throw ApiException.invalid("From", "From is missing");
        }
        if (callSid == null) {
            throw ApiException.invalid("CallSid", "CallSid is missing");
        }
        if (callSid.length() > MAX_CALL_SID) {
            throw ApiException.invalid("CallSid", "CallSid is longer than " + MAX_CALL_SID);
        }
        String status = first(parameters, "CallStatus");
        String direction = first(parameters, "Direction");
        if (direction != null && direction.strip().toLowerCase(Locale.ROOT).startsWith("outbound")) {
            // a Voice Call step's call: its status callback tells how it ended
            return new VoiceDelivery(VoiceDelivery.Kind.OUTBOUND_STATUS, callSid, null, null, status, null,
                    first(parameters, "CallDuration"));
        }
        String event = eventOf(status, direction);
        if (event == null) {
            log.debug("Twilio call {} ({} {}) starts no automation", callSid, direction, status);
            return VoiceDelivery.nothing(callSid);
        }
        try {
            return new VoiceDelivery(VoiceDelivery.Kind.INBOUND_EVENT, callSid, event, phoneNumbers.toE164(from), status,
                    first(parameters, "To"), null);
        } catch (IllegalArgumentException notAPhone) {
            log.info("Ignored Twilio call {} ({}): the caller {} has no valid phone number", callSid, event, from);
            return VoiceDelivery.nothing(callSid);
        }
    }

    @Override
    public List<String> keys(VoiceDelivery delivery) {
        return delivery.keys();
    }

    @Override
    public String duplicate(VoiceDelivery delivery) {
        log.debug("Duplicate Twilio call event {} {} ignored", delivery.callSid(), delivery.event());
        return EMPTY_TWIML;
    }

    @Override
    public String store(VoiceDelivery delivery) {
        switch (delivery.kind()) {
            case OUTBOUND_STATUS -> outcomes.report(delivery.callSid(), delivery.status(), delivery.duration());
            case INBOUND_EVENT -> {
                Contact caller = contacts.findOrCreate(delivery.phone(), null);
                Map<String, Object> variables = new HashMap<>();
                variables.put("callSid", delivery.callSid());
                variables.put("callStatus", delivery.status());
                variables.put("calledNumber", delivery.calledNumber());
                handOffs.handOff(source(), caller.getId(), automations,
                        new SignalHandOff.Start(delivery.signal(), delivery.phone(), caller.getId(), variables));
            }
            case NOTHING -> {
                // acknowledged, nothing to keep
            }
        }
        return EMPTY_TWIML;
    }

    /** incoming, missed or completed for an inbound call (no Direction: the inbound voice URL), else null. */
    static String eventOf(String status, String direction) {
        if (status == null || (direction != null && !"inbound".equalsIgnoreCase(direction.strip()))) {
            return null;
        }
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "ringing" -> "incoming";
            case "no-answer", "busy", "canceled", "failed" -> "missed";
            case "completed" -> "completed";
            default -> null;
        };
    }

    private String urlOf(HttpServletRequest request) {
        String configured = settings.webhookUrl();
        if (configured != null) {
            return configured;
        }
        String query = request.getQueryString();
        return request.getRequestURL() + (query == null ? "" : "?" + query);
    }

    /** The POST parameters, from the raw body (or, when a filter read it already, the request's non-query parameters). */
    private static Map<String, List<String>> formParameters(HttpServletRequest request, byte[] body) {
        if (body.length > 0) {
            return parse(new String(body, StandardCharsets.US_ASCII));
        }
        Map<String, List<String>> fromQuery = parse(request.getQueryString() == null ? "" : request.getQueryString());
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            List<String> rest = new ArrayList<>(List.of(values));
            for (String queryValue : fromQuery.getOrDefault(name, List.of())) {
                rest.remove(queryValue);
            }
            if (!rest.isEmpty()) {
                parameters.put(name, rest);
            }
        });
        return parameters;
    }

    static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                throw ApiException.invalid("body", "Not a form-encoded Twilio webhook delivery");
            }
        }
        return parameters;
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }
}
