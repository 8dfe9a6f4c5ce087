package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import dev.replyflow.support.ApiTest;

/**
 * One walk over every catalogue entry: its delegate bean exists and is a step, its BPMN errors are declared as codes,
 * its rules name its own parameters, its limits fit its parameters' types, and its element template is valid against Camunda's element-template schema.
 */
class StepCatalogueTest extends ApiTest {

    private static final Path SCHEMA = Path.of(
            "webapp/node_modules/@camunda/element-templates-json-schema/resources/schema.json");

    @Autowired
    ApplicationContext context;

    @Test
    void everyCatalogueEntryIsComplete() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
        Set<String> ids = new HashSet<>();
        for (Step step : StepCatalogue.STEPS) {
            String what = step.id();
            assertThat(ids.add(step.id())).as(what + " is unique").isTrue();
            assertThat(step.name()).as(what).isNotBlank();
            assertThat(step.description()).as(what).isNotBlank();
            for (String error : step.errors()) {
                assertThat(error).as(what + " error").matches("[a-z]+(-[a-z]+)*");
            }
            assertThat(new HashSet<>(step.errors())).as(what + " errors are distinct").hasSameSizeAs(step.errors());
            Set<String> parameters = new HashSet<>();
            step.parameters().forEach(p -> assertThat(parameters.add(p.name())).as(what + " parameter " + p.name()).isTrue());
            for (StepParameter p : step.parameters()) {
                if (p.items() != null) {
                    assertThat(p.type()).as(what + " " + p.name() + " has items, one per line").isEqualTo(StepParameter.Type.LINES);
                }
                if (p.maxLength() != null) {
                    assertThat(p.type()).as(what + " " + p.name() + " is text").isIn(StepParameter.Type.TEXT, StepParameter.Type.LINES);
                }
            }
            for (StepRule rule : step.rules()) {
                assertThat(parameters).as(what + " rule " + rule.message()).containsAll(rule.parameters());
                if (rule.when() != null) {
                    assertThat(parameters).as(what + " rule " + rule.message()).contains(rule.when());
                }
            }
            if (!step.isServiceTask()) {
                assertThat(step.parameters()).as(what + " is a BPMN construct").isEmpty();
                continue;
            }
            assertThat(context.containsBean(step.delegate())).as(what + " bean " + step.delegate()).isTrue();
            assertThat(context.getBean(step.delegate())).as(what).isInstanceOfAny(JavaDelegate.class, ActivityBehavior.class);
            assertThat(StepCatalogue.byDelegate(step.delegate())).contains(step);
            JsonNode template = new ObjectMapper().readTree(ElementTemplates.generate(java.util.List.of(step)));
            assertThat(schema.validate(template)).as(what + " element template").isEmpty();
        }
    }
}
