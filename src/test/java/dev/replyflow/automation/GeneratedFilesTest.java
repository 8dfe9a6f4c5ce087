package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The element templates, the modelers' palette and docs/steps.md are generated from the catalogue and committed; this fails when a
 * committed file is stale. -Dreplyflow.regenerate=true rewrites them.
 */
class GeneratedFilesTest {

    private static final boolean REGENERATE = Boolean.getBoolean("replyflow.regenerate");

    @Test
    void elementTemplatesMatchTheCatalogue() throws IOException {
        check(Path.of(ElementTemplates.PATH), ElementTemplates.generate(StepCatalogue.STEPS));
        JsonNode templates = new ObjectMapper().readTree(Files.readString(Path.of(ElementTemplates.PATH)));
        assertThat(templates).hasSize((int) StepCatalogue.STEPS.stream().filter(Step::isServiceTask).count());
        JsonNode addTag = templates.findParents("id").stream().filter(t -> t.path("id").asText().equals("dev.replyflow.step.add-tag"))
                .findFirst().orElseThrow();
        assertThat(addTag.path("properties").get(0).path("value").asText()).isEqualTo("${addTag}");
        assertThat(addTag.path("properties").get(1).path("binding").path("name").asText()).isEqualTo("tag");
    }

    @Test
    void stepsDocMatchesTheCatalogue() throws IOException {
        check(Path.of(StepsDoc.PATH), StepsDoc.generate(StepCatalogue.STEPS));
        String doc = Files.readString(Path.of(StepsDoc.PATH));
        StepCatalogue.STEPS.forEach(step -> assertThat(doc).contains("**" + step.name() + "**"));
    }

    @Test
    void modelerPaletteMatchesTheCatalogue() throws IOException {
        check(Path.of(ModelerPalette.PATH), ModelerPalette.generate(StepCatalogue.STEPS, Trigger.ALL));
        JsonNode palette = new ObjectMapper().readTree(Files.readString(Path.of(ModelerPalette.PATH)));
        assertThat(palette.path("steps")).hasSize(StepCatalogue.STEPS.size());
        assertThat(palette.path("triggers")).hasSize(Trigger.ALL.size());
        assertThat(palette.path("steps").findValuesAsText("name")).contains("Send Message", "Customer Response", "If / Else");
        assertThat(palette.path("replyMessage").asText()).isEqualTo(ReplyCorrelation.MESSAGE);
    }

    private static void check(Path file, String generated) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as(file + " exists (generate it with -Dreplyflow.regenerate=true)").isTrue();
        assertThat(Files.readString(file)).as(file + " is stale: regenerate it with -Dreplyflow.regenerate=true")
                .isEqualTo(generated);
    }
}
