package dev.replyflow.automation;

import java.util.List;
import java.util.stream.Collectors;

/** docs/steps.md, written from the catalogue. */
public final class StepsDoc {

    public static final String PATH = "docs/steps.md";

    private StepsDoc() {
    }

    public static String generate(List<Step> steps) {
        StringBuilder doc = new StringBuilder();
        doc.append("# Automation steps\n\n")
                .append("Generated from the step catalogue (`StepCatalogue`); `mvn verify` fails when this file is stale. ")
                .append("Regenerate it with `mvn test -Dtest=GeneratedFilesTest -Dreplyflow.regenerate=true`.\n\n")
                .append("A service-task step is `camunda:delegateExpression=\"${bean}\"` with its parameters as ")
                .append("`camunda:inputParameter`s; values may be literals or expressions (`${replyText}`). The element ")
                .append("templates in `modeler-plugins/element-templates/` configure them in Camunda Modeler. The steps act on ")
                .append("the instance's contact: the variable `contactId`, else the contact whose phone is the business key. ")
                .append("A deployment with a misconfigured step is refused, naming the element id.\n\n")
                .append("| Step | BPMN | Parameters | BPMN errors | Example |\n| --- | --- | --- | --- | --- |\n");
        for (Step step : steps) {
            doc.append("| **").append(step.name()).append("**<br>").append(escape(step.description())).append(" | ")
                    .append(step.isServiceTask() ? "`bpmn:ServiceTask` `${" + step.delegate() + "}`"
                            + (step.talksToOutside() ? ", `camunda:asyncBefore=\"true\"`" : "") : escape(step.bpmn()))
                    .append(" | ").append(parameters(step.parameters())).append(rules(step.rules()))
                    .append(" | ").append(step.errors().stream().map(e -> "`" + e + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(step.example().isEmpty() ? "" : "`" + escape(step.example()) + "`").append(" |\n");
        }
        doc.append("\nAn uncaught BPMN error becomes an incident in Cockpit, never a silent end of the path. A Customer ")
                .append("Response (a receive task for `customer-reply`, or any activity with a `customer-reply` message boundary ")
                .append("event) that ").append(StepCatalogue.CUSTOMER_RESPONSE_TIMER_RULE).append(" is refused.\n");
        doc.append("\n## Triggers (start steps)\n\nEvery started instance has the contact's phone as business key and the ")
                .append("variables `contactId` and `contactPhone`; a message trigger also sets `replyText`, `replyPayload`, ")
                .append("`replyMessageId`.\n\n| Trigger | BPMN | When |\n| --- | --- | --- |\n");
        for (Trigger trigger : Trigger.ALL) {
            doc.append("| **").append(trigger.name()).append("** | ").append(escape(trigger.bpmn())).append(" | ")
                    .append(escape(trigger.description())).append(" |\n");
        }
        doc.append("\nA customer message trigger's phrase: ").append(StepCatalogue.PHRASE_RULE).append(" (pattern `")
                .append(StepCatalogue.PHRASE_PATTERN).append("`). A message trigger belongs to one automation: deploying ")
                .append("another automation that starts on the same message is refused, naming the automation that has it.\n");
        return doc.toString();
    }

    private static String rules(List<StepRule> rules) {
        return rules.stream().map(r -> "<br>Rule: " + escape(r.message()) + " (" + switch (r.kind()) {
            case EXACTLY_ONE -> "exactly one of " + String.join(", ", r.parameters());
            case AT_MOST_ONE -> "at most one of " + String.join(", ", r.parameters());
            case REQUIRED_IF -> r.when() + " needs " + String.join(", ", r.parameters());
        } + ")").collect(Collectors.joining());
    }

    private static String parameters(List<StepParameter> parameters) {
        return parameters.stream().map(p -> "`" + p.name() + "` (" + p.type().name().toLowerCase()
                + (p.required() ? ", required" : "") + (p.choices().isEmpty() ? "" : ": " + String.join(" / ", p.choices()))
                + (p.maxLength() == null ? "" : ", at most " + p.maxLength() + " characters") + items(p.items())
                + "): " + escape(p.description())).collect(Collectors.joining("<br>"));
    }

    private static String items(StepParameter.Items items) {
        if (items == null) {
            return "";
        }
        return ", at most " + items.max() + " " + items.noun() + "s; id ≤ " + items.idMax() + ", title ≤ " + items.titleMax()
                + (items.descriptionMax() > 0 ? ", description ≤ " + items.descriptionMax() : "")
                + (items.sectionTitleMax() > 0 ? ", section title ≤ " + items.sectionTitleMax() : "") + " characters";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
