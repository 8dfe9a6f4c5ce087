package dev.replyflow.messaging.cloudapi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.messaging.gateway.GatewayException;

/**
 * Turns what went wrong on a Cloud API call into a {@link GatewayException}: whether the same message may
 * succeed later, WhatsApp's error code, and a message a person can act on.
 */
class CloudApiErrorMapper {

    /** Rate limits and WhatsApp-side outages: the same message can go through later. */
    static final Set<Integer> RETRYABLE_CODES = Set.of(
            4,       // application request limit
            80007,   // WhatsApp Business Account rate limit
            130429,  // throughput (messages per second) limit
            131000,  // something went wrong on WhatsApp's side
            131016,  // service unavailable
            131048,  // spam rate limit
            131056,  // too many messages to the same recipient in a short time
            133004); // server temporarily unavailable

    /** The message, recipient, template or credentials are wrong: sending the same again fails again. */
    static final Set<Integer> PERMANENT_CODES = Set.of(
            10, 200, // permission
            100,     // invalid parameter
            190,     // access token expired or invalid
            368,     // temporarily blocked for policy violations: waiting out the block is not a retry
            131026, 131030, 131047, 131051, 131052, 131053,
            132000, 132001, 132005, 132007, 132012, 132015, 132016);

    /** What to do about the errors people will meet most, beyond WhatsApp's own wording. */
    private static final Map<Integer, String> ADVICE = Map.ofEntries(
            Map.entry(190, "The access token has expired or is invalid: renew it and update "
                    + "replyflow.whatsapp.cloud-api.access-token."),
            Map.entry(10, "The access token lacks permission to send from this phone number "
                    + "(whatsapp_business_messaging)."),
            Map.entry(200, "The access token lacks permission to send from this phone number "
                    + "(whatsapp_business_messaging)."),
            Map.entry(131047, "More than 24 hours have passed since the customer's last message: "
                    + "only an approved template can be sent now."),
            Map.entry(131026, "The recipient cannot receive this message: check that the number uses WhatsApp "
                    + "and has accepted the latest terms."),
            Map.entry(131030, "A test phone number only sends to numbers in its allowed list: add the recipient "
                    + "in the Meta App Dashboard."),
            Map.entry(132000, "The number of parameters does not match the template's variables."),
            Map.entry(132001, "Check the template name and language against the approved templates in "
                    + "WhatsApp Manager."),
            Map.entry(132012, "The parameters do not match the format of the template's variables."),
            Map.entry(132015, "The template is paused because of low quality: edit it or use another one."),
            Map.entry(132016, "The template has been disabled: use another one."),
            Map.entry(368, "The WhatsApp account is temporarily blocked for policy violations."),
            Map.entry(130429, "The sending rate limit was reached: the message can be sent again later."),
            Map.entry(131056, "Too many messages to this recipient in a short time: send again later."));

    private static final int SNIPPET_LENGTH = 200;

    private final ObjectMapper objectMapper;
    private final CloudApiProperties properties;

    CloudApiErrorMapper(ObjectMapper objectMapper, CloudApiProperties properties) {
        this.objectMapper = objectMapper;
        this.properties = properties;
    }

    /** A non-2xx answer: WhatsApp's JSON error when it sent one, otherwise the HTTP status alone decides. */
    GatewayException fromResponse(int status, String body) {
        JsonNode error = errorNode(body);
        if (error == null) {
            return new GatewayException("WhatsApp Cloud API answered HTTP " + status + " without a WhatsApp error"
                    + snippet(body), null, retryableStatus(status), null);
        }
        Integer code = error.path("code").canConvertToInt() ? error.path("code").intValue() : null;
        StringBuilder message = new StringBuilder(status >= 500 ? "WhatsApp could not process the message"
                : "WhatsApp refused the message").append(" (HTTP ").append(status);
        if (code != null) {
            message.append(", error ").append(code);
        }
        message.append("): ").append(sentence(withoutCodePrefix(error.path("message").asText("no message"))));
        String details = error.path("error_data").path("details").asText(error.path("error_user_msg").asText(""));
        if (!details.isBlank()) {
            message.append(' ').append(sentence(details));
        }
        if (code != null && ADVICE.containsKey(code)) {
            message.append(' ').append(ADVICE.get(code));
        }
        String trace = error.path("fbtrace_id").asText("");
        if (!trace.isBlank()) {
            // Meta support asks for this id when a problem has to be escalated
            message.append(" (fbtrace_id ").append(trace).append(')');
        }
        return new GatewayException(message.toString(), code, retryable(code, status), null);
    }

    /**
     * A 2xx answer without a wamid. WhatsApp may have accepted the message, so it is not marked retryable:
     * sending it again could reach the customer twice.
     */
    GatewayException missingMessageId(int status, String body) {
        return new GatewayException("WhatsApp Cloud API answered HTTP " + status + " without a message id, so it is "
                + "unknown whether the message was accepted" + snippet(body), null, false, null);
    }

    /** The request never got an answer: always worth another try. */
    GatewayException fromNetworkError(IOException e, URI endpoint) {
        String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
        String message;
        boolean reached = !(e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e.getCause() instanceof ConnectException);
        if (e instanceof HttpConnectTimeoutException) {
            message = "Could not connect to WhatsApp Cloud API at " + host + " within "
                    + readable(properties.connectTimeout());
        } else if (e instanceof HttpTimeoutException) {
            message = "WhatsApp Cloud API at " + host + " did not answer within "
                    + readable(properties.requestTimeout()) + " (replyflow.whatsapp.cloud-api.request-timeout)";
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            message = "Could not connect to WhatsApp Cloud API at " + host + ": connection refused or unreachable";
        } else {
            message = "Network error calling WhatsApp Cloud API at " + host + ": " + e;
        }
        return new GatewayException(message, null, true, reached, e);
    }

    /** WhatsApp's code is more specific than the HTTP status, so it decides whenever it is a known one. */
    static boolean retryable(Integer code, int status) {
        if (code != null && RETRYABLE_CODES.contains(code)) {
            return true;
        }
        if (code != null && PERMANENT_CODES.contains(code)) {
            return false;
        }
        return retryableStatus(status);
    }

    private static boolean retryableStatus(int status) {
        return status >= 500 || status == 429;
    }

    private JsonNode errorNode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode error = objectMapper.readTree(body).path("error");
            return error.isObject() ? error : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** "(#131047) Re-engagement message" → "Re-engagement message": the code is already stated. */
    private static String withoutCodePrefix(String message) {
        return message.replaceFirst("^\\(#\\d+\\)\\s*", "");
    }

    /** WhatsApp's texts end with or without a full stop; ours are joined after them. */
    private static String sentence(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() || stripped.matches(".*[.!?]$") ? stripped : stripped + ".";
    }

    /** A short, single-line, tag-free excerpt: enough to recognise a proxy's error page in a log. */
    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return " (empty body)";
        }
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        if (text.length() > SNIPPET_LENGTH) {
            text = text.substring(0, SNIPPET_LENGTH) + "…";
        }
        return ": " + text;
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
