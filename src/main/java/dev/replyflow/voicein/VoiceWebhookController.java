package dev.replyflow.voicein;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.replyflow.automation.Triggers;
import dev.replyflow.automation.voice.VoiceCallOutcomes;
import dev.replyflow.contact.Contact;
import dev.replyflow.contact.PhoneNumbers;
import dev.replyflow.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's voice webhook (inbound call and status callback): POST /webhooks/voice/twilio, form-encoded. The
 * X-Twilio-Signature (see {@link TwilioSignature}, keyed with replyflow.voice.auth-token, over
 * replyflow.voice.webhook-url when set, else the URL as requested) is the authentication: unsigned, wrongly signed
 * (or with no token configured) deliveries are refused with 401, bodies over 64 KB with 413, deliveries without From
 * or CallSid with 400. An inbound call ringing is {@code incoming}; one ending no-answer, busy, canceled or failed is
 * {@code missed}; one completed is {@code completed}. Each upserts the caller (From, E.164) as a contact and starts
 * the automations whose signal start event is {@code voice:<event>}, with the caller's phone as business key and the
 * variables callSid, callStatus and calledNumber, once per CallSid and event. An outbound call (a Voice Call step's)
 * starts nothing: its final status is noted in the contact's chat ({@link VoiceCallOutcomes}). Other statuses and
 * callers without a phone number (client:…, anonymous) start nothing. Always answers an empty TwiML
 * {@code <Response/>}: the call itself is handled elsewhere.
 */
@RestController
public class VoiceWebhookController {

    static final String PATH = "/webhooks/voice/twilio";
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final int MAX_BYTES = 64 * 1024;
    static final String SIGNAL_PREFIX = "voice:";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final int MAX_CALL_SID = 64;
    private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);

    private final VoiceWebhookSettings settings;
    private final VoiceEvents events;
    private final VoiceCallOutcomes outcomes;
    private final Triggers triggers;
    private final PhoneNumbers phoneNumbers;
    private final TransactionTemplate tx;

    public VoiceWebhookController(VoiceWebhookSettings settings, VoiceEvents events, Triggers triggers,
            PhoneNumbers phoneNumbers, VoiceCallOutcomes outcomes, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.events = events;
        this.triggers = triggers;
        this.phoneNumbers = phoneNumbers;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @PostMapping(PATH)
    public ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        Map<String, List<String>> parameters = formParameters(request);
        String token = settings.authToken();
        if (!TwilioSignature.matches(urlOf(request), parameters, request.getHeader(SIGNATURE_HEADER), token)) {
            if (token == null) {
                log.warn("A Twilio voice webhook delivery was refused: replyflow.voice.auth-token is not configured");
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Invalid signature",
                    SIGNATURE_HEADER + " is missing or does not match the request", SIGNATURE_HEADER);
        }
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
            outcomes.report(callSid, status, first(parameters, "CallDuration"));
            return twiml();
        }
        String event = eventOf(status, direction);
        if (event == null) {
            log.debug("Twilio call {} ({} {}) starts no automation", callSid, direction, status);
            return twiml();
        }
        String phone;
        try {
            phone = phoneNumbers.toE164(from);
        } catch (IllegalArgumentException notAPhone) {
            log.info("Ignored Twilio call {} ({}): the caller {} has no valid phone number", callSid, event, from);
            return twiml();
        }
        Optional<Contact> contact;
        try {
            contact = events.record(callSid, event, phone);
        } catch (DataIntegrityViolationException e) {
            if (!events.seen(callSid, event)) {
                throw e;
            }
            contact = Optional.empty(); // the same event, handled at the same moment
        }
        if (contact.isEmpty()) {
            log.debug("Duplicate Twilio call event {} {} ignored", callSid, event);
            return twiml();
        }
        Long contactId = contact.get().getId();
        Map<String, Object> variables = new HashMap<>();
        variables.put("callSid", callSid);
        variables.put("callStatus", status);
        variables.put("calledNumber", first(parameters, "To"));
        String signal = SIGNAL_PREFIX + event;
        try {
            tx.execute(txStatus -> triggers.startBySignal(signal, phone, contactId, variables));
        } catch (RuntimeException e) {
            log.error("{} for {}: the automations could not start; the event is forgotten so Twilio's retry starts them",
                    signal, phone, e);
            events.forget(callSid, event);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Automations not started",
                    "The automations of " + signal + " could not start; retry the delivery", null);
        }
        return twiml();
    }

    /**
     * incoming, missed or completed for an inbound call (no Direction: the inbound voice URL), else null.
     */
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
    private static Map<String, List<String>> formParameters(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
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

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Delivery too large",
                "A Twilio voice webhook delivery is at most " + MAX_BYTES / 1024 + " KB", null);
    }

    private static ResponseEntity<String> twiml() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }
}
