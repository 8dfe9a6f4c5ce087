package dev.replyflow.automation.ai;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words as the AI operator compares them: accents and case folded (Qual è = qual e), split on anything not a
 * letter or digit, and lightly stemmed so that singular and plural meet (orario/orari, price/prices).
 */
final class Words {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MIN_STEM = 4;

    /**
     * Articles, prepositions and courtesies (English, Italian, Spanish) that say nothing about the topic; question
     * words (when, dove, cuánto) stay, since they tell "when are you open" from "where are you".
     */
    private static final Set<String> FILLERS = Set.of(
            "a", "an", "the", "is", "are", "am", "be", "do", "does", "did", "i", "me", "my", "you", "your", "we", "our",
            "it", "its", "to", "of", "in", "on", "at", "for", "and", "or", "with", "can", "could", "would", "please", "hi",
            "hello", "thanks", "there", "this", "that",
            "il", "lo", "la", "l", "gli", "le", "un", "uno", "una", "di", "del", "dello", "della", "dei", "degli", "delle",
            "da", "dal", "dalla", "nel", "nella", "con", "su", "per", "tra", "fra", "e", "ed", "o", "al", "alla", "ai",
            "che", "mi", "ti", "ci", "vi", "si", "sono", "ho", "hai", "ha", "avete", "potete", "posso", "ciao", "buongiorno",
            "buonasera", "salve", "grazie", "favore", "vorrei",
            "el", "los", "las", "de", "y", "en", "por", "para", "que", "hola", "gracias");

    private Words() {
    }

    /** Every word, in order (a handover phrase is matched against these). */
    static List<String> all(String text) {
        return split(text).stream().map(Words::stem).toList();
    }

    /** The words that carry the topic, in order (knowledge-base matching). */
    static List<String> significant(String text) {
        return split(text).stream().filter(w -> !FILLERS.contains(w)).map(Words::stem).toList();
    }

    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Whether {@code phrase} occurs in {@code words} as consecutive words (so agent is not found in agenda). */
    static boolean containsPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int start = 0; start + phrase.size() <= words.size(); start++) {
            if (words.subList(start, start + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(NON_WORD.split(fold(text))).filter(w -> !w.isEmpty()).toList();
    }

    /** Drops a plural s and the final vowels of words longer than four letters: spedizione, spedizioni → spedizion. */
    static String stem(String word) {
        String stem = word;
        if (stem.length() > MIN_STEM && stem.endsWith("s")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        while (stem.length() > MIN_STEM && "aeiou".indexOf(stem.charAt(stem.length() - 1)) >= 0) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }
}
