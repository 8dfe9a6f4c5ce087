package dev.replyflow.automation.integrations;

import dev.replyflow.contact.Contact;

/**
 * What the integrations pass on about a contact. The email comes from the dynamic field {@code email}; the
 * name is split at its first space into first and last name, which is what the e-mail services store.
 */
public record ContactDetails(String email, String firstName, String lastName, String phone) {

    public static final String EMAIL_FIELD = "email";

    public static ContactDetails of(Contact contact) {
        String email = contact.getFields().get(EMAIL_FIELD);
        String name = contact.getName() == null ? "" : contact.getName().strip();
        int space = name.indexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        String last = space < 0 ? "" : name.substring(space + 1).strip();
        return new ContactDetails(blankToNull(email), blankToNull(first), blankToNull(last), contact.getPhone());
    }

    /** The email, or the reason the service cannot take this contact. */
    public String requireEmail(String service) {
        if (email == null) {
            throw new IntegrationRejectedException(service + " needs the contact's email, but the contact " + phone
                    + " has no value in its field '" + EMAIL_FIELD + "': fill it first (e.g. with a Fill Contact Field step)");
        }
        return email;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
