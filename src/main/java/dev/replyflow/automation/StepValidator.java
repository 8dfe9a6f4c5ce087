package dev.replyflow.automation;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;


/**
 * Refuses, at deploy time, an automation with a misconfigured step: each problem names the BPMN element id.
 * Checked: the catalogue's steps (unknown, missing and ill-typed parameters, their length and their items against
 * WhatsApp's limits, the rules across them; asyncBefore where the step talks to the outside world), Customer Response
 * without its No Response timer, and timers whose duration or date is not ISO-8601.
 */
public class StepValidator extends AbstractBpmnParseListener {

    static final String CUSTOMER_REPLY = "customer-reply";
    private static final Pattern PHRASE = Pattern.compile(StepCatalogue.PHRASE_PATTERN);
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private record ElementProblem(String message, Element element) {
    }

    @Override
    public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        Map<String, String> messageNames = new HashMap<>();
        root.elements("message").forEach(m -> messageNames.put(m.attribute("id"), m.attribute("name")));
        Map<String, String> signalNames = new HashMap<>();
        root.elements("signal").forEach(m -> signalNames.put(m.attribute("id"), m.attribute("name")));
        List<ElementProblem> problems = new ArrayList<>();
        for (Element process : root.elements("process")) {
            validateScope(process, messageNames, signalNames, problems);
        }
        if (!problems.isEmpty()) {
            // one report with every problem; the engine refuses the deployment with it (REST: 400)
            StringBuilder message = new StringBuilder("The automation has misconfigured steps:");
            problems.forEach(p -> message.append(" [").append(p.message()).append("]"));
            throw new BpmnParseException(message.toString(), problems.get(0).element());
        }
    }

    private void validateScope(Element scope, Map<String, String> messageNames, Map<String, String> signalNames,
            List<ElementProblem> problems) {
        for (Element element : scope.elements()) {
            switch (element.getTagName()) {
                case "serviceTask" -> validateServiceTask(element, problems);
                case "subProcess" -> validateScope(element, messageNames, signalNames, problems);
                case "startEvent" -> {
                    Element signalDefinition = element.element("signalEventDefinition");
                    String signal = signalDefinition == null ? null : signalNames.get(signalDefinition.attribute("signalRef"));
                    if (signal != null && DateTriggerName.isDateTrigger(signal)) {
                        try {
                            DateTriggerName.parse(signal);
                        } catch (IllegalArgumentException e) {
                            problems.add(problem(element, "Date condition trigger '" + element.attribute("id") + "': " + e.getMessage()));
                        }
                    }
                    Element messageDefinition = element.element("messageEventDefinition");
                    String name = messageDefinition == null ? null : messageNames.get(messageDefinition.attribute("messageRef"));
                    if (name != null && scope.getTagName().equals("process")) {
                        MessageStartOwners.otherOwner(name, scope.attribute("id")).ifPresent(owner -> problems.add(problem(element,
                                "Start event '" + element.attribute("id") + "': the automation '" + owner + "' already starts on the "
                                + "message '" + name + "' (one automation per message): delete its deployment or change this trigger")));
                    }
                    if (name != null && name.startsWith(Triggers.CUSTOMER_MESSAGE)) {
                        String phrase = name.substring(Triggers.CUSTOMER_MESSAGE.length());
                        if (!PHRASE.matcher(phrase).matches()) {
                            problems.add(problem(element, "Customer message trigger '" + element.attribute("id") + "': "
                                    + StepCatalogue.PHRASE_RULE + " ('" + Triggers.CUSTOMER_MESSAGE + Triggers.phrase(phrase) + "')"));
                        }
                    }
                }
                case "receiveTask" -> {
                    if (CUSTOMER_REPLY.equals(messageNames.get(element.attribute("messageRef")))) {
                        requireTimerBoundary(scope, element, "Customer Response", problems);
                    }
                }
                case "boundaryEvent" -> {
                    Element messageDefinition = element.element("messageEventDefinition");
                    if (messageDefinition != null && CUSTOMER_REPLY.equals(messageNames.get(messageDefinition.attribute("messageRef")))) {
                        Element host = byId(scope, element.attribute("attachedToRef"));
                        if (host != null) {
                            requireTimerBoundary(scope, host, "A customer-reply boundary event", problems);
                        }
                    }
                }
                default -> { }
            }
            Element timer = element.element("timerEventDefinition");
            if (timer != null) {
                validateTimer(element, timer, problems);
            }
        }
    }

    private void validateServiceTask(Element task, List<ElementProblem> problems) {
        String expression = task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
        Matcher m = expression == null ? null : DELEGATE.matcher(expression.strip());
        if (m == null || !m.matches()) {
            return; // not one of our steps
        }
        Optional<Step> found = StepCatalogue.byDelegate(m.group(1));
        if (found.isEmpty()) {
            return;
        }
        Step step = found.get();
        String id = task.attribute("id");
        Map<String, String> inputs = inputParameters(task);
        for (var input : inputs.entrySet()) {
            Optional<StepParameter> parameter = step.parameter(input.getKey());
            if (parameter.isEmpty()) {
                problems.add(problem(task, step.name() + " '" + id + "' has an unknown parameter '" + input.getKey()
                        + "' (its parameters: " + step.parameters().stream().map(StepParameter::name).toList() + ")"));
            } else if (input.getValue() != null && !input.getValue().isBlank() && !isExpression(input.getValue())) {
                // blank = not given (the modelers write every template field, empty ones too)
                checkLiteral(task, step, parameter.get(), input.getValue().strip(), problems);
            }
        }
        for (StepParameter parameter : step.parameters()) {
            String value = inputs.get(parameter.name());
            if (parameter.required() && (value == null || value.isBlank())) {
                problems.add(problem(task, step.name() + " '" + id + "' needs the parameter '" + parameter.name() + "' ("
                        + parameter.label() + ")"));
            }
        }
        for (StepRule rule : step.rules()) {
            rule.check(inputs).ifPresent(message -> problems.add(problem(task, step.name() + " '" + id + "' " + message)));
        }
        if (step.talksToOutside() && !"true".equals(task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "asyncBefore"))) {
            problems.add(problem(task, step.name() + " '" + id + "' talks to the outside world: set camunda:asyncBefore=\"true\" "
                    + "so that a failure is retried without repeating the steps before it"));
        }
    }

    private void checkLiteral(Element task, Step step, StepParameter parameter, String value, List<ElementProblem> problems) {
        String where = step.name() + " '" + task.attribute("id") + "' parameter '" + parameter.name() + "': ";
        if (parameter.maxLength() != null && ItemLines.length(value) > parameter.maxLength()) {
            problems.add(problem(task, where + "'" + value + "' has " + ItemLines.length(value) + " characters, at most "
                    + parameter.maxLength()));
        }
        if (parameter.items() != null) {
            List<ItemLines.Group> groups = ItemLines.parse(List.of(value.split("\\R")), parameter.items());
            ItemLines.problems(groups, parameter.items()).forEach(p -> problems.add(problem(task, where + p)));
        }
        switch (parameter.type()) {
            case DURATION -> {
                if (!isIsoDuration(value)) {
                    problems.add(problem(task, where + "'" + value + "' is not an ISO-8601 duration like PT24H"));
                }
            }
            case URL -> {
                if (!isWebUrl(value)) {
                    problems.add(problem(task, where + "'" + value + "' is not an http(s) URL"));
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add(problem(task, where + "'" + value + "' is not true or false"));
                }
            }
            case CHOICE -> {
                if (!parameter.choices().contains(value)) {
                    problems.add(problem(task, where + "'" + value + "' is not one of " + parameter.choices()));
                }
            }
            default -> { }
        }
    }

    private void validateTimer(Element event, Element timer, List<ElementProblem> problems) {
        Element duration = timer.element("timeDuration");
        if (duration != null && !isExpression(duration.getText()) && !isIsoDuration(duration.getText().strip())) {
            problems.add(problem(event, "Timer '" + event.attribute("id") + "': '" + duration.getText().strip()
                    + "' is not an ISO-8601 duration like PT24H or P2D"));
        }
        Element date = timer.element("timeDate");
        if (date != null && !isExpression(date.getText())) {
            try {
                OffsetDateTime.parse(date.getText().strip());
            } catch (RuntimeException e) {
                try {
                    java.time.LocalDateTime.parse(date.getText().strip());
                } catch (RuntimeException e2) {
                    problems.add(problem(event, "Timer '" + event.attribute("id") + "': '" + date.getText().strip()
                            + "' is not an ISO-8601 date-time like 2026-12-24T09:00:00+01:00"));
                }
            }
        }
    }

    private void requireTimerBoundary(Element scope, Element activity, String what, List<ElementProblem> problems) {
        String id = activity.attribute("id");
        boolean hasTimer = scope.elements("boundaryEvent").stream()
                .anyMatch(b -> id.equals(b.attribute("attachedToRef")) && b.element("timerEventDefinition") != null
                        && !"false".equals(b.attribute("cancelActivity")));
        if (!hasTimer) {
            problems.add(problem(activity, what + " '" + id + "' " + StepCatalogue.CUSTOMER_RESPONSE_TIMER_RULE));
        }
    }

    private static Map<String, String> inputParameters(Element task) {
        Map<String, String> inputs = new HashMap<>();
        Element extensions = task.element("extensionElements");
        Element io = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
        if (io != null) {
            for (Element input : io.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter")) {
                boolean structured = !input.elements().isEmpty(); // camunda:list, map or script
                inputs.put(input.attribute("name"), structured ? "${structured}" : input.getText());
            }
        }
        return inputs;
    }

    private static Element byId(Element scope, String id) {
        return scope.elements().stream().filter(e -> id != null && id.equals(e.attribute("id"))).findFirst().orElse(null);
    }

    private static ElementProblem problem(Element element, String message) {
        return new ElementProblem(message, element);
    }

        private static boolean isExpression(String value) {
        return value != null && (value.contains("${") || value.contains("#{"));
    }

    static boolean isIsoDuration(String value) {
        try {
            Duration.parse(value);
            return true;
        } catch (RuntimeException e) {
            try {
                Period.parse(value);
                return true;
            } catch (RuntimeException e2) {
                return false;
            }
        }
    }

    static boolean isWebUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
