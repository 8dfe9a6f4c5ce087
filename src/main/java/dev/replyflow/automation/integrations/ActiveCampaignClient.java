package dev.replyflow.automation.integrations;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ActiveCampaign API v3 ({@code {base-url}/api/3/...}, header {@code Api-Token}): contact sync by email, and
 * tags. ActiveCampaign writes ids as JSON strings, so they stay strings here.
 */
@Component
public class ActiveCampaignClient {

    static final String SERVICE = "ActiveCampaign";

    /** {"errors":[{"title":…,"detail":…}]} for invalid data, {"message":…} for credentials and missing objects. */
    static final IntegrationHttp.ErrorText ERROR_TEXT = body -> {
        List<String> texts = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            String title = error.path("title").asText("");
            String detail = error.path("detail").asText("");
            texts.add(detail.isBlank() || detail.equals(title) ? title : title + " (" + detail + ")");
        }
        if (texts.isEmpty() && body.path("message").isTextual()) {
            texts.add(body.path("message").asText());
        }
        return texts.isEmpty() ? null : String.join("; ", texts);
    };

    private final IntegrationProperties.ActiveCampaign config;
    private final IntegrationHttp http;

    public ActiveCampaignClient(IntegrationProperties properties, IntegrationHttp http) {
        this.config = properties.activecampaign();
        this.http = http;
    }

    /** Fails naming the missing key when ActiveCampaign is not configured. */
    public void requireConfigured() {
        IntegrationProperties.require(config.baseUrl(), "activecampaign.base-url", SERVICE);
        IntegrationProperties.require(config.apiToken(), "activecampaign.api-token", SERVICE);
    }

    /** Creates the contact, or updates the one with the same email; returns ActiveCampaign's contact id. */
    public String syncContact(ContactDetails contact) {
        requireConfigured();
        ObjectNode body = http.object();
        ObjectNode fields = body.putObject("contact");
        fields.put("email", contact.requireEmail(SERVICE));
        // absent values are left out rather than sent empty, which would erase what ActiveCampaign already has
        putIfPresent(fields, "firstName", contact.firstName());
        putIfPresent(fields, "lastName", contact.lastName());
        putIfPresent(fields, "phone", contact.phone());
        return id(send(post("/api/3/contact/sync", body)).path("contact"), "contact");
    }

    /** Adds the tag (created when ActiveCampaign has none of that name) to the contact. */
    public void addTag(String contactId, String tag) {
        String tagId = findTag(tag).orElseGet(() -> createTag(tag));
        ObjectNode body = http.object();
        ObjectNode contactTag = body.putObject("contactTag");
        contactTag.put("contact", contactId);
        contactTag.put("tag", tagId);
        send(post("/api/3/contactTags", body));
    }

    /** The search matches parts of names, so the exact name is picked out of the results. */
    Optional<String> findTag(String tag) {
        String query = "?search=" + URLEncoder.encode(tag, StandardCharsets.UTF_8) + "&limit=100";
        JsonNode answer = send(request("/api/3/tags" + query).GET().build());
        for (JsonNode candidate : answer.path("tags")) {
            boolean contactTag = candidate.path("tagType").asText("contact").equals("contact");
            if (contactTag && candidate.path("tag").asText("").equalsIgnoreCase(tag)) {
                return Optional.of(id(candidate, "tag"));
            }
        }
        return Optional.empty();
    }

    private String createTag(String tag) {
        ObjectNode body = http.object();
        ObjectNode fields = body.putObject("tag");
        fields.put("tag", tag);
        fields.put("tagType", "contact");
        fields.put("description", "");
        return id(send(post("/api/3/tags", body)).path("tag"), "tag");
    }

    private JsonNode send(HttpRequest request) {
        return http.send(SERVICE, request, ERROR_TEXT);
    }

    private HttpRequest post(String path, ObjectNode body) {
        return request(path).header("Content-Type", "application/json").POST(http.json(body)).build();
    }

    private HttpRequest.Builder request(String path) {
        String baseUrl = IntegrationProperties.require(config.baseUrl(), "activecampaign.base-url", SERVICE);
        String token = IntegrationProperties.require(config.apiToken(), "activecampaign.api-token", SERVICE);
        return http.request(SERVICE, baseUrl, path).header("Api-Token", token);
    }

    private static String id(JsonNode object, String what) {
        JsonNode id = object.path("id");
        if (!id.isValueNode() || id.asText().isBlank()) {
            throw new IntegrationRejectedException(SERVICE + " answered without the " + what + "'s id");
        }
        return id.asText();
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
