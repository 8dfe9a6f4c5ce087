package dev.replyflow.security;

/** The Camunda groups Replyflow knows and the Spring roles they grant. */
public final class Roles {

    /** Camunda's own administrators group: full rights in the webapps and the engine. */
    public static final String ADMIN_GROUP = "camunda-admin";
    /** People who chat with contacts: read everything, write contacts, chats and tickets; never deploy. */
    public static final String OPERATORS_GROUP = "operators";
    /** People who model automations: read like operators, deploy automations made of catalogue steps only. */
    public static final String ANALYSTS_GROUP = "analysts";

    public static final String ADMIN = "ADMIN";
    public static final String OPERATOR = "OPERATOR";
    public static final String ANALYST = "ANALYST";
    /** Every Camunda user, whatever its groups (an API token is no user). */
    public static final String USER = "USER";

    private Roles() {
    }
}
