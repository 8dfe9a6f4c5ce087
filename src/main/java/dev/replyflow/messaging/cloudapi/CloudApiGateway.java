package dev.replyflow.messaging.cloudapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.replyflow.messaging.gateway.GatewayException;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.messaging.gateway.WhatsAppGateway;

/** Sends messages through Meta's WhatsApp Cloud API ({@code replyflow.whatsapp.provider=cloud-api}). */
@Component
@ConditionalOnProperty(name = "replyflow.whatsapp.provider", havingValue = "cloud-api")
public class CloudApiGateway implements WhatsAppGateway {

    private static final Logger log = LoggerFactory.getLogger(CloudApiGateway.class);

    private final HttpClient httpClient;
    private final URI endpoint;
    private final String authorization;
    private final CloudApiProperties properties;
    // a private mapper: the request format is Meta's, not whatever the application configures for its own API
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final MessageRequestBuilder requestBuilder = new MessageRequestBuilder();
    private final CloudApiErrorMapper errorMapper;

    @Autowired
    public CloudApiGateway(CloudApiProperties properties) {
        this(properties, HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                // a redirect would resend the bearer token to wherever it points
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** For tests and callers that bring their own client; its connect timeout is theirs to choose. */
    public CloudApiGateway(CloudApiProperties properties, HttpClient httpClient) {
        require(properties.phoneNumberId(), "replyflow.whatsapp.cloud-api.phone-number-id",
                "the WhatsApp phone number id from the Meta App Dashboard");
        require(properties.accessToken(), "replyflow.whatsapp.cloud-api.access-token",
                "a system user access token with the whatsapp_business_messaging permission");
        this.properties = properties;
        this.httpClient = httpClient;
        this.endpoint = URI.create(properties.baseUrl() + "/" + properties.phoneNumberId().strip() + "/messages");
        this.authorization = "Bearer " + properties.accessToken().strip();
        this.errorMapper = new CloudApiErrorMapper(objectMapper, properties);
    }

    @Override
    public String send(OutboundMessage message) {
        ObjectNode body;
        try {
            body = requestBuilder.build(message);
        } catch (IllegalArgumentException invalid) {
            throw new GatewayException("Cannot send the message: " + invalid.getMessage(), null, false, invalid);
        }
        HttpResponse<String> response = post(body);
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw errorMapper.fromResponse(status, response.body());
        }
        String wamid = messageId(response.body());
        if (wamid == null) {
            throw errorMapper.missingMessageId(status, response.body());
        }
        log.debug("WhatsApp accepted {} message {}", body.path("type").asText(), wamid);
        return wamid;
    }

    private HttpResponse<String> post(ObjectNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint)
                    .timeout(properties.requestTimeout())
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(objectMapper.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
        try {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw errorMapper.fromNetworkError(e, endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the request may or may not have reached WhatsApp; the caller decides once it is running again
            throw new GatewayException("Interrupted while sending to WhatsApp Cloud API", null, true, e);
        }
    }

    /** {@code messages[0].id} of the answer, or null when the answer has none. */
    private String messageId(String body) {
        try {
            JsonNode id = objectMapper.readTree(body == null ? "" : body).path("messages").path(0).path("id");
            return id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void require(String value, String property, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set: replyflow.whatsapp.provider=cloud-api needs "
                    + what);
        }
    }
}
