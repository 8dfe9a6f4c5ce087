package dev.replyflow.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

import dev.replyflow.support.ApiTest;

/**
 * The gallery offers the ready-made automations; using one deploys it under the analyst's key with the templates it
 * needs. (The test profile also deploys them all at start-up, as an admin could; a real start deploys none.)
 */
class GalleryTest extends ApiTest {

    private static final java.util.concurrent.atomic.AtomicInteger RUN = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired
    RepositoryService repository;

    @Test
    void theGalleryListsEveryReadyMadeAutomationWithItsTriggerAndTemplates() {
        JsonNode gallery = admin().get("/api/gallery").json();

        assertThat(gallery.findValuesAsText("id")).containsExactlyInAnyOrder("welcome-reply", "welcome-by-phrase",
                "non-working-hours", "holiday-greeting", "double-opt-in", "ticket-feedback", "no-response-reminder",
                "birthday-greeting", "abandoned-cart");
        JsonNode cart = entry(gallery, "abandoned-cart");
        assertThat(cart.path("name").asText()).isEqualTo("Abandoned cart recovery");
        assertThat(cart.path("description").asText()).isNotBlank();
        assertThat(cart.path("trigger").asText()).isEqualTo("shop:cart-abandoned");
        assertThat(List.of(cart.path("templates").get(0).asText(), cart.path("templates").get(1).asText()))
                .containsExactly("cart_reminder", "cart_discount");
        assertThat(entry(gallery, "birthday-greeting").path("trigger").asText()).isEqualTo("date:birthday:yearly:P0D@09:00");
        assertThat(entry(gallery, "welcome-reply").path("trigger").asText()).isEqualTo("integration");
    }

    @Test
    void everyGalleryTemplateNamedInTheManifestIsOneItsStepsSend() throws Exception {
        for (JsonNode entry : admin().get("/api/gallery").json()) {
            String bpmn = new String(new ClassPathResource("gallery/" + entry.path("id").asText() + ".bpmn").getInputStream()
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher sent = java.util.regex.Pattern.compile("name=\"template\">([a-z0-9_]+)<").matcher(bpmn);
            java.util.Set<String> used = new java.util.TreeSet<>();
            while (sent.find()) {
                used.add(sent.group(1));
            }
            java.util.Set<String> offered = new java.util.TreeSet<>();
            entry.path("templates").forEach(t -> offered.add(t.asText()));
            assertThat(offered).as(entry.path("id").asText()).isEqualTo(used); // so no shipped file ends in an incident
        }
    }

    @Test
    void deployingAGalleryAutomationUsesTheChosenKeyAndCreatesTheMissingTemplates() {
        String key = "my-feedback-" + RUN.incrementAndGet();
        boolean existed = !admin().get("/api/templates").json().findValuesAsText("name").contains("feedback_request");

        var deployed = admin().post("/api/gallery/ticket-feedback/deploy", "{\"key\":\"" + key + "\",\"name\":\"Our feedback\"}");

        assertThat(deployed.status()).isEqualTo(201);
        String definitionId = deployed.json().path("processDefinitionId").asText();
        var definition = repository.getProcessDefinition(definitionId);
        assertThat(definition.getKey()).isEqualTo(key);
        assertThat(definition.getName()).isEqualTo("Our feedback");
        assertThat((Object) repository.getBpmnModelInstance(definitionId).getModelElementById(key)).isNotNull();
        assertThat(admin().get("/api/templates").json().findValuesAsText("name")).contains("feedback_request");
        if (existed) {
            assertThat(deployed.json().path("templatesCreated").get(0).asText()).isEqualTo("feedback_request");
        }
        assertThat(admin().get("/api/automations/" + key + "/statistics").status()).isEqualTo(200);

        var again = admin().post("/api/gallery/ticket-feedback/deploy", "{\"key\":\"" + key + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("field").asText()).isEqualTo("key");
    }

    @Test
    void aBadKeyOrAnUnknownEntryIsRefused() {
        assertThat(admin().post("/api/gallery/welcome-reply/deploy", "{\"key\":\"has spaces\"}").json().path("field").asText())
                .isEqualTo("key");
        assertThat(admin().post("/api/gallery/no-such/deploy", "{\"key\":\"k\"}").status()).isEqualTo(404);
    }

    @Test
    void aMessageStartAnotherAutomationOwnsIsRefusedNamingTheOwnerAndTheElement() {
        // the test profile deployed non-working-hours: a second automation for the same message is refused
        var refused = admin().post("/api/gallery/non-working-hours/deploy", "{\"key\":\"my-evening-" + RUN.incrementAndGet() + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("written-when-closed");
        assertThat(refused.json().path("detail").asText()).contains("'non-working-hours'").contains("already starts");

        String bpmn = dev.replyflow.support.TestBpmn.process("evening-copy",
                "<bpmn:startEvent id=\"evening\"><bpmn:messageEventDefinition messageRef=\"m\"/></bpmn:startEvent>"
                        + "<bpmn:endEvent id=\"end\"/>" + dev.replyflow.support.TestBpmn.flow("evening", "end"), "outside-service-window")
                .replace("<bpmn:process", "<bpmn:message id=\"m\" name=\"non-working-hours\"/><bpmn:process");
        var byRest = admin().postFile("/engine-rest/deployment/create", "evening-copy.bpmn", "evening-copy.bpmn",
                bpmn.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(byRest.status()).isEqualTo(400);
        assertThat(byRest.json().path("message").asText()).contains("'evening'").contains("'non-working-hours' already starts");
    }

    @Test
    void operatorsMayReadTheGalleryButNotDeployIt() {
        // the security rules: admins and group analysts deploy; see SecurityRulesTest for operators' other limits
        assertThat(anonymous().get("/api/gallery").status()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFreshStartDeploysNothingFromTheGallery() throws Exception {
        assertThat(new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")).isEmpty();
        try (InputStream in = new ClassPathResource("application.yaml").getInputStream()) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> bpm = (Map<String, Object>) ((Map<String, Object>) yaml.get("camunda")).get("bpm");
            assertThat(bpm.get("deployment-resource-pattern").toString()).contains("processes/").doesNotContain("gallery");
        }
    }

    private static JsonNode entry(JsonNode gallery, String id) {
        for (JsonNode e : gallery) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no gallery entry " + id);
    }
}
