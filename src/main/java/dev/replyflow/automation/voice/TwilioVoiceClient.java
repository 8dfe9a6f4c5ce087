package dev.replyflow.automation.voice;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLHandshakeException;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts calls with Twilio's Programmable Voice REST API: {@code POST /2010-04-01/Accounts/{sid}/Calls.json}, form
 * encoded, HTTP Basic auth with the account SID and auth token. Failures are told apart by what they mean for the
 * contact's phone: refused (never rings: {@link CallRefusedException}), not placed yet ({@link
 * VoiceUnavailableException}), or unknown because the request went out and no answer came back ({@link
 * CallOutcomeUnknownException}).
 */
@Component
class TwilioVoiceClient {

    // a private mapper: the answer's format is Twilio's, not whatever the application configures for its own API
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final VoiceProperties properties;
    private final HttpClient http;

    TwilioVoiceClient(VoiceProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                // a redirect would resend the account's credentials to wherever it points
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param to the contact's number in E.164
     * @param twiml what Twilio does once the call is answered
     * @throws CallRefusedException when Twilio refuses the call (4xx other than 429)
     * @throws VoiceUnavailableException when the call was not placed but retrying may place it
     * @throws CallOutcomeUnknownException when the request may have been taken and no usable answer came back
     */
    TwilioCall call(String to, String twiml) {
        if (!properties.missingSettings().isEmpty()) {
            throw new IllegalStateException("Twilio is not configured: set " + properties.missingSettings());
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", properties.from());
        form.put("Twiml", twiml);
        if (properties.statusCallbackUrl() != null) {
            form.put("StatusCallback", properties.statusCallbackUrl());
        }
        return answer(send(request(form)));
    }

    private HttpRequest request(Map<String, String> form) {
        try {
            return HttpRequest.newBuilder(callsUri())
                    .timeout(properties.requestTimeout())
                    .header("Authorization", basicAuth())
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .header("Accept", "application/json")
                    .header("User-Agent", "Replyflow")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            // nothing was sent, and retrying would not build a better request
            throw new CallRefusedException(0, null, "the request to Twilio cannot be made (" + e.getMessage() + "): check "
                    + VoiceProperties.PREFIX + "base-url");
        }
    }

    private URI callsUri() {
        return URI.create(properties.baseUrl() + "/2010-04-01/Accounts/"
                + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8) + "/Calls.json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        String host = request.uri().getHost();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new VoiceUnavailableException("could not connect to " + host + " within " + properties.connectTimeout()
                    + "; the call was not placed", e);
        } catch (ConnectException | SSLHandshakeException e) {
            // nothing was sent: no connection, or the TLS handshake failed before the request
            throw new VoiceUnavailableException("cannot reach " + host + " (" + e + "); the call was not placed", e);
        } catch (HttpTimeoutException e) {
            throw new CallOutcomeUnknownException(host + " did not answer within " + properties.requestTimeout()
                    + " after the request was sent, so the call may have been placed", e);
        } catch (IOException e) {
            throw new CallOutcomeUnknownException("the connection to " + host + " broke after the request was sent ("
                    + e + "), so the call may have been placed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallOutcomeUnknownException("interrupted while waiting for " + host + "'s answer, so the call "
                    + "may have been placed", e);
        }
    }

    private static TwilioCall answer(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        JsonNode json = parse(body);
        if (status >= 200 && status < 300) {
            String sid = json.path("sid").asText("");
            if (sid.isBlank()) {
                throw new CallOutcomeUnknownException("Twilio answered " + status + " without a call SID, so the call "
                        + "may have been placed: " + excerpt(body));
            }
            return new TwilioCall(sid, json.path("status").asText("queued"));
        }
        if (status == 429 || status >= 500) {
            throw new VoiceUnavailableException("Twilio answered " + status + describe(json, body) + "; the call was "
                    + "not placed");
        }
        if (status >= 300 && status < 400) {
            throw new CallRefusedException(status, null, "Twilio answered " + status + " (a redirect, not followed): "
                    + "check " + VoiceProperties.PREFIX + "base-url");
        }
        Integer code = json.path("code").isInt() ? json.path("code").asInt() : null;
        throw new CallRefusedException(status, code, "Twilio refused the call (HTTP " + status + describe(json, body) + ")");
    }

    /** ", error 21211: The 'To' number … (https://www.twilio.com/docs/errors/21211)", or the body's start. */
    private static String describe(JsonNode error, String body) {
        if (!error.hasNonNull("message")) {
            return body.isBlank() ? "" : ": " + excerpt(body);
        }
        String code = error.hasNonNull("code") ? ", error " + error.path("code").asText() : "";
        String more = error.hasNonNull("more_info") ? " (" + error.path("more_info").asText() + ")" : "";
        return code + ": " + error.path("message").asText() + more;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json == null || !json.isObject() ? JSON.createObjectNode() : json;
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private String basicAuth() {
        String credentials = properties.accountSid() + ":" + properties.authToken();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String excerpt(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }
}
