package dev.replyflow.automation;

import java.util.List;

/**
 * One input parameter of a step ({@code camunda:inputParameter}). A value may be a literal or an expression
 * (${…}); literals are checked at deploy time against the type.
 */
public record StepParameter(String name, String label, Type type, boolean required, List<String> choices,
        String description) {

    public enum Type {
        /** One line of text. */
        TEXT,
        /** Several lines; for lists, one item per line. */
        LINES,
        /** An ISO-8601 duration such as PT24H. */
        DURATION,
        /** An http(s) URL. */
        URL,
        BOOLEAN,
        /** One of {@code choices}. */
        CHOICE
    }

    public static StepParameter required(String name, String label, Type type, String description) {
        return new StepParameter(name, label, type, true, List.of(), description);
    }

    public static StepParameter optional(String name, String label, Type type, String description) {
        return new StepParameter(name, label, type, false, List.of(), description);
    }

    public static StepParameter choice(String name, String label, boolean required, List<String> choices, String description) {
        return new StepParameter(name, label, Type.CHOICE, required, choices, description);
    }
}
