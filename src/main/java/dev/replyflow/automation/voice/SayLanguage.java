package dev.replyflow.automation.voice;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code language} of Twilio's {@code <Say>}: a language with its region (it-IT, en-GB, pt-BR). Contacts keep
 * WhatsApp's codes (it, en, pt_BR), which often have no region; text-to-speech needs one, so a bare language
 * gets its most common region.
 */
final class SayLanguage {

    private static final Pattern CODE = Pattern.compile("([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[0-9]{3}))?");

    /** Bare languages whose usual region is not the language code in capitals (it → it-IT works for the rest). */
    private static final Map<String, String> REGIONS = Map.ofEntries(Map.entry("en", "US"), Map.entry("pt", "BR"),
            Map.entry("ja", "JP"), Map.entry("ko", "KR"), Map.entry("zh", "CN"), Map.entry("sv", "SE"),
            Map.entry("da", "DK"), Map.entry("nb", "NO"), Map.entry("no", "NO"), Map.entry("cs", "CZ"),
            Map.entry("el", "GR"), Map.entry("hi", "IN"), Map.entry("ca", "ES"), Map.entry("uk", "UA"),
            Map.entry("he", "IL"), Map.entry("vi", "VN"), Map.entry("ar", "AE"), Map.entry("cy", "GB"),
            Map.entry("ms", "MY"), Map.entry("fil", "PH"));

    private SayLanguage() {
    }

    /**
     * @param chosen the step's language parameter (wins when given)
     * @param contactLanguage the contact's language (it, pt_BR), or null
     * @return the language for Twilio, or null when neither is known (Twilio then speaks its default, en-US)
     */
    static String of(String chosen, String contactLanguage) {
        if (chosen != null && !chosen.isBlank()) {
            return normalize(chosen.strip());
        }
        if (contactLanguage != null && !contactLanguage.isBlank()) {
            return normalize(contactLanguage.strip());
        }
        return null;
    }

    /** it → it-IT, pt_BR → pt-BR, en-gb → en-GB; anything else (a code Twilio knows and we do not) as given. */
    static String normalize(String code) {
        Matcher m = CODE.matcher(code);
        if (!m.matches()) {
            return code;
        }
        String language = m.group(1).toLowerCase(Locale.ROOT);
        String region = m.group(2) != null ? m.group(2).toUpperCase(Locale.ROOT)
                : REGIONS.getOrDefault(language, language.toUpperCase(Locale.ROOT));
        return language + "-" + region;
    }
}
