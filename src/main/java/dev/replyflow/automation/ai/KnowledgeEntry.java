package dev.replyflow.automation.ai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line of a knowledge base, {@code question keywords => answer}: the keywords may list alternatives
 * separated by commas ({@code opening hours, when are you open => …}).
 */
public record KnowledgeEntry(List<String> questions, String answer) {

    static final String SEPARATOR = "=>";

    /** @throws IllegalArgumentException naming the line that is not "question keywords => answer" */
    static List<KnowledgeEntry> parseAll(List<String> lines) {
        List<KnowledgeEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            entries.add(parse(lines.get(i), i + 1));
        }
        return entries;
    }

    private static KnowledgeEntry parse(String line, int number) {
        int separator = line.indexOf(SEPARATOR);
        String answer = separator < 0 ? "" : line.substring(separator + SEPARATOR.length()).strip();
        List<String> questions = separator < 0 ? List.of() : Arrays.stream(line.substring(0, separator).split(","))
                .map(String::strip).filter(q -> !q.isEmpty()).toList();
        if (questions.isEmpty() || answer.isEmpty()) {
            throw new IllegalArgumentException("knowledgeBase line " + number + " '" + line
                    + "' is not 'question keywords => answer'");
        }
        return new KnowledgeEntry(questions, answer);
    }
}
