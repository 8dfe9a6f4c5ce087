package dev.replyflow.security;

/** The Camunda groups Replyflow knows and the Spring roles they grant. */
public final class Roles {

    /** Camunda's own administrators group: full rights in the webapps and the engine. */
    public static final String ADMIN_GROUP = "camunda-admin";
    /** People who chat with contacts: read everything, write contacts, chats and tickets; never deploy. */
    public static final String OPERATORS_GROUP = "operators";

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
