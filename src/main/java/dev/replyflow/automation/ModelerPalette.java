package dev.replyflow.automation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The palette of the web modeler and of the Camunda Modeler plugin (webapp/src/generated): every trigger and step by
 * its reference name, generated from the catalogue so that the modelers, the element templates and the docs agree.
 */
public final class ModelerPalette {

    public static final String PATH = "webapp/src/generated/replyflow-palette.json";

    private ModelerPalette() {
    }

    public static String generate(List<Step> steps, List<Trigger> triggers) {
        Map<String, Object> palette = new LinkedHashMap<>();
        palette.put("replyMessage", ReplyCorrelation.MESSAGE);
        palette.put("customerResponseTimeout", "PT24H");
        palette.put("delayDuration", "PT1H");
        // the rules that are not about one step's parameters, enforced by the validator and the lint alike
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("customerResponseTimer", StepCatalogue.CUSTOMER_RESPONSE_TIMER_RULE);
        rules.put("phrasePrefix", Triggers.CUSTOMER_MESSAGE);
        rules.put("phrasePattern", StepCatalogue.PHRASE_PATTERN);
        rules.put("phrase", StepCatalogue.PHRASE_RULE);
        palette.put("rules", rules);
        List<Map<String, Object>> triggerEntries = new ArrayList<>();
        for (Trigger trigger : triggers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", trigger.id());
            entry.put("name", trigger.name());
            entry.put("description", trigger.description());
            entry.put("event", trigger.event());
            if (trigger.defaultName() != null) {
                entry.put("defaultName", trigger.defaultName());
            }
            triggerEntries.add(entry);
        }
        palette.put("triggers", triggerEntries);
        List<Map<String, Object>> stepEntries = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", step.id());
            entry.put("name", step.name());
            entry.put("description", step.description());
            // service-task steps are created from their element template; the others are BPMN constructs
            entry.put("kind", step.isServiceTask() ? "template" : step.id());
            if (step.isServiceTask()) {
                entry.put("templateId", ElementTemplates.templateId(step));
                entry.put("outbound", step.talksToOutside());
                entry.put("rules", step.rules());
                // parameters listing what a customer taps, with WhatsApp's limits (lint: step-items.js)
                Map<String, StepParameter.Items> items = new LinkedHashMap<>();
                step.parameters().stream().filter(p -> p.items() != null).forEach(p -> items.put(p.name(), p.items()));
                if (!items.isEmpty()) {
                    entry.put("items", items);
                }
            }
            stepEntries.add(entry);
        }
        palette.put("steps", stepEntries);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(palette) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
