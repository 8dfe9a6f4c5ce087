package dev.replyflow.automation;

/**
 * The delegate bean names and BPMN error codes of the core steps: the catalogue and the delegates both refer to these,
 * so a renamed bean or error cannot leave the catalogue (and the element templates, docs, lint) behind.
 * Feature packages keep theirs beside their steps (OutboundSteps, IntegrationSteps, AiSteps, VoiceSteps).
 */
public final class StepNames {

    public static final String SEND_MESSAGE = "sendMessage";
    public static final String ADD_NOTE = "addNote";
    public static final String MARK_UNREAD = "markUnread";
    public static final String START_AUTOMATION = "startAutomation";
    public static final String STOP_AUTOMATIONS = "stopAutomations";
    public static final String ADD_TAG = "addTag";
    public static final String REMOVE_TAG = "removeTag";
    public static final String ADD_TO_LIST = "addToList";
    public static final String REMOVE_FROM_LIST = "removeFromList";
    public static final String FILL_CONTACT_FIELD = "fillContactField";
    public static final String MARKETING_CONSENT = "marketingConsent";
    public static final String BLOCK_CONTACT = "blockContact";
    public static final String UNBLOCK_CONTACT = "unblockContact";
    public static final String ADD_OPERATORS = "addOperators";
    public static final String REMOVE_OPERATORS = "removeOperators";
    public static final String OPEN_TICKET = "openTicket";
    public static final String UPDATE_TICKET = "updateTicket";

    public static final String UNKNOWN_LIST = "unknown-list";
    public static final String INVALID_FIELD_VALUE = "invalid-field-value";
    public static final String UNKNOWN_OPERATOR = "unknown-operator";
    public static final String NO_TICKET = "no-ticket";

    private StepNames() {
    }
}
