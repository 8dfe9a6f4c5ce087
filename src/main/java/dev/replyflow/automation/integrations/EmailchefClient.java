package dev.replyflow.automation.integrations;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Emailchef's REST API ({@code https://app.emailchef.com/apps/api/v1}), as its public documentation and its own
 * plugins use it: the headers {@code consumerKey} and {@code consumerSecret} authenticate, contacts are
 * {@code {"instance_in":{…}}} objects, and errors are {@code {"status":"ERROR","message":…}} (401 is plain text).
 * Adding is an upsert (search the list by email, then PUT or POST), so a retried call does not fail on a
 * contact that the first attempt already added.
 */
@Component
public class EmailchefClient {

    static final String SERVICE = "Emailchef";

    static final IntegrationHttp.ErrorText ERROR_TEXT = body -> {
        String message = body.path("message").asText("");
        String more = body.path("more_info").asText("");
        return more.isBlank() ? message : message + ": " + more;
    };

    private final IntegrationProperties.Emailchef config;
    private final IntegrationHttp http;

    public EmailchefClient(IntegrationProperties properties, IntegrationHttp http) {
        this.config = properties.emailchef();
        this.http = http;
    }

    /** Fails naming the missing key when Emailchef is not configured. */
    public void requireConfigured() {
        IntegrationProperties.require(config.consumerKey(), "emailchef.consumer-key", SERVICE);
        IntegrationProperties.require(config.consumerSecret(), "emailchef.consumer-secret", SERVICE);
    }

    /** Adds the contact to the list as an active subscriber, or updates it there; returns its Emailchef id if known. */
    public String addToList(String listId, ContactDetails contact) {
        requireConfigured();
        long list = listNumber(listId);
        String email = contact.requireEmail(SERVICE);
        ObjectNode body = http.object();
        ObjectNode fields = body.putObject("instance_in");
        fields.put("list_id", list);
        fields.put("status", "ACTIVE");
        fields.put("email", email);
        putIfPresent(fields, "firstname", contact.firstName());
        putIfPresent(fields, "lastname", contact.lastName());
        var customFields = fields.putArray("custom_fields");
        if (!config.phoneField().isEmpty() && contact.phone() != null) {
            customFields.addObject().put("place_holder", config.phoneField()).put("value", contact.phone());
        }
        // ADMIN: added by the account owner, so Emailchef sends no opt-in confirmation mail
        fields.put("mode", "ADMIN");

        Optional<String> existing = findInList(list, email);
        if (existing.isPresent()) {
            checked(send(request("/contacts/" + existing.get()).header("Content-Type", "application/json")
                    .PUT(http.json(body)).build()));
            return existing.get();
        }
        JsonNode answer = checked(send(request("/contacts").header("Content-Type", "application/json")
                .POST(http.json(body)).build()));
        JsonNode id = answer.has("contact_id") ? answer.path("contact_id") : answer.path("id");
        return id.isValueNode() && !id.asText().isBlank() ? id.asText() : null;
    }

    Optional<String> findInList(long list, String email) {
        String query = "?query_string=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&limit=10&offset=0&list_id=" + list + "&orderby=e&ordertype=a";
        for (JsonNode candidate : send(request("/contacts" + query).GET().build())) {
            if (candidate.path("email").asText("").equalsIgnoreCase(email) && candidate.path("id").isValueNode()) {
                return Optional.of(candidate.path("id").asText());
            }
        }
        return Optional.empty();
    }

    static long listNumber(String listId) {
        String id = listId == null ? "" : listId.strip();
        if (!id.matches("\\d{1,18}")) {
            throw new IntegrationRejectedException(SERVICE + ": the list id must be the number Emailchef shows for the list, "
                    + "not '" + id + "'");
        }
        return Long.parseLong(id);
    }

    /** Emailchef may answer 200 with {"status":"ERROR"}: that is a refusal too. */
    private static JsonNode checked(JsonNode answer) {
        if ("ERROR".equalsIgnoreCase(answer.path("status").asText(""))) {
            throw new IntegrationRejectedException(SERVICE + " refused the contact: " + ERROR_TEXT.of(answer));
        }
        return answer;
    }

    private JsonNode send(HttpRequest request) {
        return http.send(SERVICE, request, ERROR_TEXT);
    }

    private HttpRequest.Builder request(String path) {
        String key = IntegrationProperties.require(config.consumerKey(), "emailchef.consumer-key", SERVICE);
        String secret = IntegrationProperties.require(config.consumerSecret(), "emailchef.consumer-secret", SERVICE);
        return http.request(SERVICE, config.baseUrl(), path).header("consumerKey", key).header("consumerSecret", secret);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
