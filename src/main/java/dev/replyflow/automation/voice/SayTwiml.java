package dev.replyflow.automation.voice;

/**
 * The TwiML of a call that reads a text aloud: {@code <Response><Say language=".." voice="..">text</Say></Response>}.
 * The text comes from the automation (and its variables, so from customers too): it is XML-escaped, and characters
 * XML 1.0 does not allow are dropped, since either would make Twilio refuse the document.
 */
final class SayTwiml {

    private SayTwiml() {
    }

    /**
     * @param language Twilio's language code (it-IT), or null for Twilio's default
     * @param voice a Twilio voice (Polly.Bianca), or null for the language's default
     */
    static String say(String text, String language, String voice) {
        StringBuilder xml = new StringBuilder("<Response><Say");
        if (language != null) {
            xml.append(" language=\"").append(escape(language)).append('"');
        }
        if (voice != null) {
            xml.append(" voice=\"").append(escape(voice)).append('"');
        }
        return xml.append('>').append(escape(text)).append("</Say></Response>").toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (allowedInXml(c)) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    /** XML 1.0's Char production: tab, newlines and the printable ranges (no other control characters). */
    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
