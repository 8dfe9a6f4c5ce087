package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Camunda 7 element templates for the catalogue's service-task steps (modeler-plugins/element-templates). */
public final class ElementTemplates {

    public static final String PATH = "modeler-plugins/element-templates/replyflow-steps.json";
    private static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

    private ElementTemplates() {
    }

    public static String generate(List<Step> steps) {
        List<Map<String, Object>> templates = new ArrayList<>();
        for (Step step : steps) {
            if (step.isServiceTask()) {
                templates.add(template(step));
            }
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(templates) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String templateId(Step step) {
        return "dev.replyflow.step." + step.id();
    }

    private static Map<String, Object> template(Step step) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema", SCHEMA);
        template.put("name", "Replyflow: " + step.name());
        template.put("id", templateId(step));
        template.put("version", 1);
        template.put("description", step.description());
        template.put("appliesTo", List.of("bpmn:ServiceTask"));
        List<Map<String, Object>> properties = new ArrayList<>();
        properties.add(hidden("camunda:delegateExpression", "${" + step.delegate() + "}"));
        if (step.talksToOutside()) {
            properties.add(hidden("camunda:asyncBefore", "true"));
        }
        for (StepParameter parameter : step.parameters()) {
            properties.add(property(parameter));
        }
        template.put("properties", properties);
        return template;
    }

    private static Map<String, Object> hidden(String attribute, String value) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", "Hidden");
        property.put("value", value);
        property.put("binding", ordered("type", "property", "name", attribute));
        return property;
    }

    /** JSON objects keep their keys in this order, so the generated file is the same on every run. */
    private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static Map<String, Object> property(StepParameter parameter) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("label", parameter.label());
        property.put("description", parameter.description());
        switch (parameter.type()) {
            case LINES -> property.put("type", "Text");
            case CHOICE, BOOLEAN -> {
                List<String> values = parameter.type() == StepParameter.Type.BOOLEAN ? List.of("true", "false") : parameter.choices();
                property.put("type", "Dropdown");
                property.put("value", values.get(0));
                property.put("choices", values.stream().map(v -> ordered("name", v, "value", v)).toList());
            }
            default -> property.put("type", "String");
        }
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("type", "camunda:inputParameter");
        binding.put("name", parameter.name());
        property.put("binding", binding);
        Map<String, Object> constraints = new LinkedHashMap<>();
        if (parameter.required()) {
            constraints.put("notEmpty", true);
        }
        if (parameter.maxLength() != null) {
            constraints.put("maxLength", parameter.maxLength());
        }
        if (parameter.type() == StepParameter.Type.DURATION) {
            constraints.put("pattern", ordered("value", "^(\\$\\{.*\\}|P.+)$", "message", "An ISO-8601 duration like PT24H"));
        } else if (parameter.type() == StepParameter.Type.URL) {
            constraints.put("pattern", ordered("value", "^(\\$\\{.*\\}|https?://.+)$", "message", "An http(s) URL"));
        }
        if (!constraints.isEmpty()) {
            property.put("constraints", constraints);
        }
        return property;
    }
}
