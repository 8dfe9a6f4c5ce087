package dev.replyflow.security.tokens;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do; each is one authority (SCOPE_&lt;value&gt;) checked by the security rules. */
public enum TokenScope {
    /** POST /engine-rest/message for message customer-reply. */
    REPLIES_CORRELATE("replies:correlate"),
    /** POST /api/automations/{key}/start. */
    AUTOMATIONS_START("automations:start"),
    /** Create and change contacts (not delete them, not chat). */
    CONTACTS_WRITE("contacts:write"),
    /** Every GET of /api. */
    READ("read");

    private final String value;

    TokenScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<TokenScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
