package dev.replyflow.automation;

import java.util.List;

/**
 * One input parameter of a step ({@code camunda:inputParameter}). A value may be a literal or an expression
 * (${…}); literals are checked at deploy time against the type, {@code maxLength} (characters, or null) and, for a
 * parameter listing what a customer can tap, {@code items}.
 */
public record StepParameter(String name, String label, Type type, boolean required, List<String> choices,
        String description, Integer maxLength, Items items) {

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

    /**
     * A LINES parameter whose lines are choices a customer taps (reply buttons, list rows), read by ItemLines: at most
     * {@code max} of them, each "id=Title" or "Title" (its own id) with an id of at most {@code idMax} and a title of at
     * most {@code titleMax} characters; " | Description" after the title when {@code descriptionMax} > 0; lines
     * "# Title" starting sections when {@code sectionTitleMax} > 0. {@code noun} names one in messages ("row").
     */
    public record Items(String noun, int max, int idMax, int titleMax, int descriptionMax, int sectionTitleMax) {
    }

    public static StepParameter required(String name, String label, Type type, String description) {
        return new StepParameter(name, label, type, true, List.of(), description, null, null);
    }

    public static StepParameter optional(String name, String label, Type type, String description) {
        return new StepParameter(name, label, type, false, List.of(), description, null, null);
    }

    public static StepParameter choice(String name, String label, boolean required, List<String> choices, String description) {
        return new StepParameter(name, label, Type.CHOICE, required, choices, description, null, null);
    }

    public StepParameter withMaxLength(int max) {
        return new StepParameter(name, label, type, required, choices, description, max, items);
    }

    public StepParameter withItems(Items format) {
        return new StepParameter(name, label, type, required, choices, description, maxLength, format);
    }
}
