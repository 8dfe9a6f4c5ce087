package dev.replyflow.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The element templates are valid against Camunda's own element-template JSON schema (from npm). */
class ElementTemplatesSchemaTest {

    private static final Path SCHEMA = Path.of(
            "webapp/node_modules/@camunda/element-templates-json-schema/resources/schema.json");

    private final ObjectMapper json = new ObjectMapper();

    private Set<ValidationMessage> validate(JsonNode templates) throws IOException {
        assertThat(SCHEMA).as("the schema is installed by mvn (npm ci in webapp)").exists();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
        return schema.validate(templates);
    }

    @Test
    void theGeneratedTemplatesAreValid() throws IOException {
        JsonNode templates = json.readTree(Files.readString(Path.of(ElementTemplates.PATH)));
        assertThat(validate(templates)).isEmpty();
    }

    @Test
    void theSchemaCatchesABrokenTemplate() throws IOException {
        JsonNode broken = json.readTree("[{\"name\":\"Broken\",\"id\":\"x\",\"appliesTo\":[\"bpmn:ServiceTask\"],"
                + "\"properties\":[{\"type\":\"String\",\"binding\":{\"type\":\"camunda:inputParameter\"}}]}]");
        assertThat(validate(broken)).isNotEmpty();
    }
}
