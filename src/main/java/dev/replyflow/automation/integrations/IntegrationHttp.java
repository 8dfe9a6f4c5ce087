package dev.replyflow.automation.integrations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP exchange the three integrations share: timeouts, JSON, and what an answer means for the step
 * (2xx: the JSON body; 408, 429 and 5xx or no answer at all: {@link IntegrationUnavailableException}, retried by
 * the engine; any other status: {@link IntegrationRejectedException}, the BPMN error {@code integration-failed}).
 */
@Component
public class IntegrationHttp {

    /** Turns a service's JSON error body into a short text, or null when the body is not one of its errors. */
    @FunctionalInterface
    public interface ErrorText {
        String of(JsonNode body);
    }

    public record Answer(int status, String body) {
        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private static final int SNIPPET_LENGTH = 300;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    // a private mapper: the request formats are the services', not whatever the application configures for its API
    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    public IntegrationHttp(IntegrationProperties properties) {
        this(HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                // a redirect would resend the credentials to wherever it points
                .followRedirects(HttpClient.Redirect.NEVER).build(), properties.connectTimeout(), properties.requestTimeout());
    }

    public IntegrationHttp(HttpClient client, Duration connectTimeout, Duration requestTimeout) {
        this.client = client;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** A request to {@code baseUrl + path} with the request timeout, expecting JSON. */
    public HttpRequest.Builder request(String service, String baseUrl, String path) {
        URI uri;
        try {
            uri = URI.create(baseUrl + path);
        } catch (IllegalArgumentException e) {
            throw new IntegrationRejectedException(service + ": the base URL '" + baseUrl + "' is not a valid URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IntegrationRejectedException(service + ": the base URL '" + baseUrl + "' is not an http(s) URL");
        }
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    }

    public HttpRequest.BodyPublisher json(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** Sends, and returns the JSON body of a 2xx answer; any other outcome is thrown as described above. */
    public JsonNode send(String service, HttpRequest request, ErrorText errorText) {
        return success(service, exchange(service, request), errorText);
    }

    /** Sends, and returns whatever status came back; only "no answer" is thrown. */
    public Answer exchange(String service, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new IntegrationUnavailableException("Could not connect to " + service + " at " + host(request) + " within "
                    + readable(connectTimeout), e);
        } catch (HttpTimeoutException e) {
            throw new IntegrationUnavailableException(service + " at " + host(request) + " did not answer within "
                    + readable(requestTimeout), e);
        } catch (ConnectException e) {
            throw new IntegrationUnavailableException("Could not connect to " + service + " at " + host(request)
                    + ": connection refused or unreachable", e);
        } catch (IOException e) {
            throw new IntegrationUnavailableException("Network error calling " + service + " at " + host(request) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationUnavailableException("Interrupted while calling " + service, e);
        }
    }

    public JsonNode success(String service, Answer answer, ErrorText errorText) {
        int status = answer.status();
        if (answer.successful()) {
            JsonNode body = parse(answer.body());
            if (body == null) {
                throw new IntegrationRejectedException(service + " answered HTTP " + status + " with something other than "
                        + "JSON" + snippet(answer.body()));
            }
            return body;
        }
        if (status >= 300 && status < 400) {
            // redirects are not followed (they would carry the credentials along): the base URL is not the API's
            throw new IntegrationRejectedException(service + " answered with a redirect (HTTP " + status + "): check its "
                    + "base-url");
        }
        String text = describe(answer.body(), errorText);
        if (status >= 500 || status == 429 || status == 408) {
            throw new IntegrationUnavailableException(service + " is unavailable (HTTP " + status + ")" + text, null);
        }
        throw new IntegrationRejectedException(service + " refused the request (HTTP " + status + ")" + text);
    }

    private String describe(String body, ErrorText errorText) {
        JsonNode json = parse(body);
        String text = json == null ? null : errorText.of(json);
        return text == null || text.isBlank() ? snippet(body) : ": " + text.strip();
    }

    /** The JSON of a body; an empty body is an empty JSON value; null when it is not JSON. */
    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A short, single-line, tag-free excerpt: enough to recognise "Unauthorized" or a proxy's error page. */
    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return " (empty body)";
        }
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return ": " + (text.length() > SNIPPET_LENGTH ? text.substring(0, SNIPPET_LENGTH) + "…" : text);
    }

    private static String host(HttpRequest request) {
        URI uri = request.uri();
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
