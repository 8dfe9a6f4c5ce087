package dev.replyflow.automation;

import java.util.List;
import java.util.Optional;

/**
 * A step of an automation, as the analyst knows it from the reference product, and its BPMN form.
 * {@code delegate} is the bean of {@code camunda:delegateExpression="${delegate}"} for service-task steps, and
 * null for the structural steps (which are BPMN constructs, described by {@code bpmn}).
 */
public record Step(String id, String name, String description, String bpmn, String delegate, boolean talksToOutside,
        List<StepParameter> parameters, List<String> errors, String example, List<StepRule> rules) {

    /** A step whose parameters have no rule across them. */
    public Step(String id, String name, String description, String bpmn, String delegate, boolean talksToOutside,
            List<StepParameter> parameters, List<String> errors, String example) {
        this(id, name, description, bpmn, delegate, talksToOutside, parameters, errors, example, List.of());
    }

    public Step withRules(StepRule... rules) {
        return new Step(id, name, description, bpmn, delegate, talksToOutside, parameters, errors, example, List.of(rules));
    }

    public boolean isServiceTask() {
        return delegate != null;
    }

    public Optional<StepParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
