package dev.replyflow.automation.ai;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The built-in answerer, no network: the answer of the knowledge-base line whose keywords the question covers
 * best. Confidence = the share of a line's keywords (its best alternative) found in the question, so "opening
 * hours" asked as "what are your opening hours?" is 1, and "hours?" alone 0.5.
 */
@Component
@ConditionalOnProperty(name = "replyflow.ai.answerer", havingValue = AiProperties.KNOWLEDGE_BASE, matchIfMissing = true)
public class KnowledgeBaseAnswerer implements Answerer {

    /** How well a line's keywords meet a question: the share found, and how many (the more specific line wins a tie). */
    record Match(double confidence, int found) {

        static final Match NONE = new Match(0, 0);

        boolean beats(Match other) {
            return confidence > other.confidence || confidence == other.confidence && found > other.found;
        }
    }

    @Override
    public Answer answer(String question, AiSettings settings) {
        Set<String> asked = new HashSet<>(Words.significant(question));
        if (asked.isEmpty()) {
            return Answer.none();
        }
        Match best = Match.NONE;
        String answer = null;
        for (KnowledgeEntry entry : settings.entries()) {
            for (String keywords : entry.questions()) {
                Match match = match(keywords, asked);
                if (match.beats(best)) { // a full tie keeps the earlier line: the analyst's order decides
                    best = match;
                    answer = entry.answer();
                }
            }
        }
        return answer == null ? Answer.none() : new Answer(answer, best.confidence());
    }

    static Match match(String keywords, Set<String> asked) {
        Set<String> wanted = new HashSet<>(Words.significant(keywords));
        if (wanted.isEmpty()) {
            return Match.NONE;
        }
        int found = (int) wanted.stream().filter(asked::contains).count();
        return new Match(found / (double) wanted.size(), found);
    }
}
