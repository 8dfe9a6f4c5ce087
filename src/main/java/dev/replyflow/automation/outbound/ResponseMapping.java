package dev.replyflow.automation.outbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code responseMapping} parameter: lines {@code variableName=/json/pointer} copying values of the JSON
 * answer into process variables. Strings, numbers (integers as Long, others as Double), booleans and null keep
 * their type; objects and arrays become their JSON text. A pointer that finds nothing sets nothing.
 */
record ResponseMapping(List<Entry> entries) {

    record Entry(String variable, JsonPointer pointer) {
    }

    /** @throws IllegalArgumentException naming the bad line */
    static ResponseMapping parse(List<String> lines) {
        return new ResponseMapping(lines.stream().map(ResponseMapping::entry).toList());
    }

    private static Entry entry(String line) {
        int eq = line.indexOf('=');
        String variable = eq < 0 ? "" : line.substring(0, eq).strip();
        if (variable.isEmpty() || variable.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("responseMapping line '" + line + "' is not variableName=/json/pointer");
        }
        try {
            return new Entry(variable, JsonPointer.compile(line.substring(eq + 1).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("responseMapping line '" + line + "': the pointer must start with / "
                    + "(like /data/id)", e);
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The variables to set: only those whose pointer finds a value (which may be JSON null). */
    Map<String, Object> valuesFrom(JsonNode answer) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Entry entry : entries) {
            JsonNode node = answer.at(entry.pointer());
            if (!node.isMissingNode()) {
                values.put(entry.variable(), toVariable(node));
            }
        }
        return values;
    }

    private static Object toVariable(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.asText();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.toString();
    }
}
