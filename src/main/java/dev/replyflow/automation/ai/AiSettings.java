package dev.replyflow.automation.ai;

import java.util.List;
import java.util.Locale;

/**
 * How one contact's AI operator works, as its step configured it: the knowledge base (lines "question keywords
 * => answer"), the words that hand the chat over to people, the confidence an answer needs, and who takes over.
 */
public record AiSettings(List<String> knowledgeBase, List<String> handoverKeywords, double minConfidence,
        List<String> operators) {

    public static final List<String> DEFAULT_HANDOVER_KEYWORDS = List.of("operator", "human", "agent", "operatore", "persona");
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
    /** What the ai_operator columns hold. */
    static final int MAX_KNOWLEDGE_BASE_CHARS = 100_000;
    static final int MAX_LIST_CHARS = 4_000;

    /** @throws IllegalArgumentException naming what is wrong, for the step's error */
    public AiSettings {
        knowledgeBase = clean(knowledgeBase);
        handoverKeywords = clean(handoverKeywords);
        if (handoverKeywords.isEmpty()) {
            handoverKeywords = DEFAULT_HANDOVER_KEYWORDS;
        }
        operators = clean(operators);
        if (Double.isNaN(minConfidence) || minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("minConfidence " + minConfidence + " is not between 0 and 1");
        }
        KnowledgeEntry.parseAll(knowledgeBase); // refuses a malformed line now, not at the first customer message
        checkLength("knowledgeBase", knowledgeBase, MAX_KNOWLEDGE_BASE_CHARS);
        checkLength("handoverKeywords", handoverKeywords, MAX_LIST_CHARS);
        checkLength("operators", operators, MAX_LIST_CHARS);
    }

    /** The step's parameters as given: minConfidence is text (blank = the default; 0,7 is read as 0.7). */
    public static AiSettings of(List<String> knowledgeBase, List<String> handoverKeywords, String minConfidence,
            List<String> operators) {
        return new AiSettings(knowledgeBase, handoverKeywords, parseConfidence(minConfidence), operators);
    }

    public List<KnowledgeEntry> entries() {
        return KnowledgeEntry.parseAll(knowledgeBase);
    }

    static double parseConfidence(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_MIN_CONFIDENCE;
        }
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("minConfidence '" + text.strip() + "' is not a number between 0 and 1");
        }
    }

    /** Items are stored one per line, so an item never holds a line break. */
    private static List<String> clean(List<String> items) {
        return items == null ? List.of()
                : items.stream().filter(i -> i != null && !i.isBlank()).map(i -> i.strip().replaceAll("\\s*\\R\\s*", " "))
                        .toList();
    }

    private static void checkLength(String name, List<String> lines, int max) {
        int length = String.join("\n", lines).length();
        if (length > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is %d characters long, at most %d are kept",
                    name, length, max));
        }
    }
}
