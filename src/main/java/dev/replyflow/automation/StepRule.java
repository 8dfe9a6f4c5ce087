package dev.replyflow.automation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule across a step's parameters, declared once in the catalogue as data: the deploy-time validator and the
 * modelers' lint (through the generated palette) both enforce it. A parameter counts as given when it is not blank.
 */
public record StepRule(Kind kind, List<String> parameters, String when, String message) {

    public enum Kind {
        /** Exactly one of {@code parameters} is given. */
        EXACTLY_ONE,
        /** At most one of {@code parameters} is given. */
        AT_MOST_ONE,
        /** When {@code when} is given, every one of {@code parameters} is given too. */
        REQUIRED_IF
    }

    public static StepRule exactlyOne(String message, String... parameters) {
        return new StepRule(Kind.EXACTLY_ONE, List.of(parameters), null, message);
    }

    public static StepRule atMostOne(String message, String... parameters) {
        return new StepRule(Kind.AT_MOST_ONE, List.of(parameters), null, message);
    }

    public static StepRule requiredIf(String when, String parameter, String message) {
        return new StepRule(Kind.REQUIRED_IF, List.of(parameter), when, message);
    }

    /** @return the rule's message when the inputs (parameter name to value) break it */
    public Optional<String> check(Map<String, String> inputs) {
        long given = parameters.stream().filter(p -> present(inputs.get(p))).count();
        boolean broken = switch (kind) {
            case EXACTLY_ONE -> given != 1;
            case AT_MOST_ONE -> given > 1;
            case REQUIRED_IF -> present(inputs.get(when)) && given < parameters.size();
        };
        return broken ? Optional.of(message) : Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
