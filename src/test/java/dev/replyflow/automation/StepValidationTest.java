package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.replyflow.support.Api.Response;
import dev.replyflow.support.ApiTest;

/** A misconfigured automation is refused at deploy time, through REST, naming the element id and the problem. */
class StepValidationTest extends ApiTest {

    private Response deploy(String bpmn) {
        return admin().postFile("/engine-rest/deployment/create", "automation.bpmn", "automation.bpmn",
                bpmn.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellConfiguredAutomationDeploys() {
        String bpmn = Bpmn.process("valid-steps", Bpmn.chain(
                Bpmn.step("tag-lead", "addTag", false, "tag", "lead"),
                "tag-lead",
                Bpmn.step("welcome", "sendMessage", true, "template", "welcome", "parameters", "${contactPhone}"),
                "welcome"));
        assertThat(deploy(bpmn).status()).isEqualTo(200);
    }

    @Test
    void misconfiguredStepsAreRefusedNamingEachElement() {
        String bpmn = Bpmn.process("broken-steps", Bpmn.chain(
                Bpmn.step("tag-missing", "addTag", false),
                "tag-missing",
                Bpmn.step("tag-typo", "addTag", false, "tag", "vip", "tgs", "vip"),
                "tag-typo",
                Bpmn.step("send-both", "sendMessage", true, "template", "promo", "text", "hi"),
                "send-both",
                Bpmn.step("webhook-sync", "sendWebhook", false, "url", "https://example.com/hook"),
                "webhook-sync",
                Bpmn.step("consent-bad", "marketingConsent", false, "consent", "maybe"),
                "consent-bad",
                "<bpmn:receiveTask id=\"wait-forever\" messageRef=\"reply\"/>",
                "wait-forever",
                "<bpmn:intermediateCatchEvent id=\"pause\"><bpmn:timerEventDefinition><bpmn:timeDuration>24 hours"
                        + "</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
                "pause"));

        Response refused = deploy(bpmn);

        assertThat(refused.status()).isEqualTo(400);
        String message = refused.json().path("message").asText();
        assertThat(message)
                .contains("'tag-missing' needs the parameter 'tag'")
                .contains("'tag-typo' has an unknown parameter 'tgs'")
                .contains("'send-both' needs exactly one of a template, a text or a media link")
                .contains("'webhook-sync' talks to the outside world")
                .contains("'consent-bad' parameter 'consent': 'maybe' is not one of [granted, revoked]")
                .contains("'wait-forever' has no No Response timer")
                .contains("'pause': '24 hours' is not an ISO-8601 duration");
        assertThat(admin().get("/engine-rest/process-definition?key=broken-steps").json()).isEmpty();
    }
}
