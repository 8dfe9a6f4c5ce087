package dev.replyflow.automation;

import static dev.replyflow.automation.StepParameter.choice;
import static dev.replyflow.automation.StepParameter.optional;
import static dev.replyflow.automation.StepParameter.required;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.replyflow.automation.StepParameter.Type;
import dev.replyflow.automation.ai.AiSteps;
import dev.replyflow.automation.integrations.IntegrationSteps;
import dev.replyflow.automation.outbound.OutboundSteps;
import dev.replyflow.automation.voice.VoiceSteps;
import dev.replyflow.messaging.MessageSender;
import dev.replyflow.messaging.gateway.OutboundMessage;
import dev.replyflow.ticket.TicketPriority;
import dev.replyflow.ticket.TicketStatus;

/**
 * Every automation step Replyflow runs: the one source of the element templates
 * (modeler-plugins/element-templates), the deploy-time validation and docs/steps.md.
 */
public final class StepCatalogue {

    private static final String SERVICE_TASK = "bpmn:ServiceTask";

    /** The steps of this class, then those of the feature packages (outbound webhooks, integrations). */
    public static final List<Step> STEPS;

    /** WhatsApp's limits for reply buttons and list rows, checked at deploy time and by the lint. */
    private static final StepParameter.Items BUTTONS = new StepParameter.Items("button", OutboundMessage.Buttons.MAX,
            OutboundMessage.Button.ID_MAX, OutboundMessage.Button.TITLE_MAX, 0, 0);
    private static final StepParameter.Items LIST_ROWS = new StepParameter.Items("row", OutboundMessage.ListMenu.MAX_ROWS,
            OutboundMessage.Row.ID_MAX, OutboundMessage.Row.TITLE_MAX, OutboundMessage.Row.DESCRIPTION_MAX,
            OutboundMessage.Section.TITLE_MAX);

    private static final List<Step> CORE = List.of(
            new Step("send-message", "Send Message", "Sends a WhatsApp message to the contact: an approved template, or "
                    + "inside the 24h customer service window free text (with up to 3 reply buttons, or a list menu of up to "
                    + "10 rows) or media (an image, document, video or audio by link, with a caption). Exactly one message per "
                    + "step execution, even when the job is retried. A tapped button or a chosen row comes back as the reply's "
                    + "replyPayload (its id), for an If / Else such as ${reply.payload == 'mi-1'}. The step records the "
                    + "message and moves on; WhatsApp is called once that commits, so it needs no asynchronous continuation.",
                    SERVICE_TASK, StepNames.SEND_MESSAGE, false,
                    List.of(optional("template", "Template name", Type.TEXT, "An approved template; or text, or mediaLink"),
                            optional("language", "Template language", Type.TEXT, "it, en_US …; default: the contact's language"),
                            optional("parameters", "Template parameters", Type.LINES, "One per line, filling {{1}}, {{2}} …; "
                                    + "may use {{contact.name}}, {{contact.phone}}, {{fields.<name>}} or ${expressions}"),
                            optional("urlSuffix", "URL button suffix", Type.TEXT, "For a URL button ending in {{1}}"),
                            optional("text", "Free text", Type.LINES, "Free text (24h window only); or template, or mediaLink"),
                            optional("buttons", "Reply buttons", Type.LINES, "With free text: up to 3, one per line as "
                                    + "id=Title (or just Title, then the id is the title); the tapped id becomes replyPayload")
                                    .withItems(BUTTONS),
                            optional("listButton", "List button", Type.TEXT, "With free text and list rows: the label of "
                                    + "the button that opens the list").withMaxLength(OutboundMessage.ListMenu.BUTTON_LABEL_MAX),
                            optional("listRows", "List rows", Type.LINES, "With free text: a list menu of up to 10 rows, one "
                                    + "per line as id=Title | Description (the description may be left out; just Title makes "
                                    + "the title the id); a line # Title starts a section; the chosen row's id becomes "
                                    + "replyPayload").withItems(LIST_ROWS),
                            optional("mediaLink", "Media link", Type.URL, "An http(s) link to the media (24h window only); "
                                    + "or template, or text"),
                            choice("mediaType", "Media type", false, names(OutboundMessage.MediaType.values()),
                                    "Needed with a media link"),
                            optional("caption", "Caption", Type.LINES, "Shown under the media"),
                            optional("mediaFilename", "File name", Type.TEXT, "For a document: the name the customer sees")),
                    List.of(MessageSender.REFUSED_OUTSIDE_WINDOW, MessageSender.REFUSED_NO_CREDIT, MessageSender.REFUSED_BLOCKED,
                            MessageSender.REFUSED_NO_CONSENT),
                    "template=order_update, parameters=\"{{contact.name}}\\nA-77\"")
                    .withRules(StepRule.exactlyOne("needs exactly one of a template, a text or a media link", "template", "text",
                                    "mediaLink"),
                            StepRule.requiredIf("mediaLink", "mediaType", "a media link needs its media type"),
                            StepRule.requiredIf("buttons", "text", "reply buttons go with a free text"),
                            StepRule.requiredIf("listRows", "text", "a list goes with a free text"),
                            StepRule.requiredIf("listRows", "listButton", "a list needs the label of its button"),
                            StepRule.requiredIf("listButton", "listRows", "a list button needs list rows"),
                            StepRule.atMostOne("reply buttons or a list, not both", "buttons", "listRows"),
                            StepRule.requiredIf("caption", "mediaLink", "a caption goes with a media link"),
                            StepRule.requiredIf("mediaFilename", "mediaLink", "a file name goes with a media link")),
            new Step("add-note", "Add Note to Chat", "Adds an internal note to the contact, visible to operators only.",
                    SERVICE_TASK, StepNames.ADD_NOTE, false, List.of(required("note", "Note", Type.LINES, "The note's text")), List.of(),
                    "note=Asked for a refund"),
            new Step("mark-unread", "Mark Chat as Unread", "Marks the contact's chat as unread for the operators.",
                    SERVICE_TASK, StepNames.MARK_UNREAD, false, List.of(), List.of(), ""),
            new Step("customer-response", "Customer Response", "Waits for the contact's reply for at most a duration: a "
                    + "reply continues on the default path (variables replyText, replyPayload, replyMessageId), silence takes "
                    + "the No Response path. Whichever comes first wins; the other does nothing. A reply that came after the "
                    + "automation's last message (or its caller's) but before the wait began is taken when it begins.",
                    "bpmn:ReceiveTask for message customer-reply with an interrupting timer boundary event (No Response)",
                    null, false, List.of(), List.of(), "timer PT24H"),
            new Step("delay", "Delay", "Waits for a duration, or until a date and time; ${businessHours.nextOpening()} "
                    + "as the date waits until the business opens (PUT /api/settings/business-hours).",
                    "bpmn:IntermediateCatchEvent with a timer (timeDuration or timeDate)", null, false, List.of(), List.of(),
                    "timeDuration PT2H"),
            new Step("if-else", "If / Else", "Takes the first path whose condition holds, else the default path. Conditions "
                    + "use the helpers ${contact.hasTag('vip')}, ${contact.inList('newsletter')}, "
                    + "${contact.field('city') == 'Bari'}, ${contact.marketingConsent}, ${reply.is('yes')}.",
                    "bpmn:ExclusiveGateway with conditional sequence flows and a default flow", null, false, List.of(),
                    List.of(), "${contact.hasTag('vip')}"),
            new Step("branch", "Branch", "Runs several paths in parallel.", "bpmn:ParallelGateway", null, false, List.of(),
                    List.of(), ""),
            new Step("go-to-step", "Go to Step", "Jumps to another step of the flow.",
                    "a sequence flow back to the step, or a link throw/catch event pair", null, false, List.of(), List.of(), ""),
            new Step("start-automation", "Start Automation", "Starts another automation (by process key) for the same "
                    + "contact.", SERVICE_TASK, StepNames.START_AUTOMATION, false,
                    List.of(required("automation", "Automation (process key)", Type.TEXT, "The key of a deployed process")),
                    List.of(), "automation=feedback-request"),
            new Step("stop-automations", "Stop Automations", "Ends the contact's other running automations: all of them, "
                    + "or the ones listed.", SERVICE_TASK, StepNames.STOP_AUTOMATIONS, false,
                    List.of(optional("automations", "Automations (process keys)", Type.LINES, "One per line; empty = all")),
                    List.of(), "automations=abandoned-cart"),
            new Step("add-tag", "Add Tag", "Adds a tag to the contact (created on first use).", SERVICE_TASK, StepNames.ADD_TAG, false,
                    List.of(required("tag", "Tag", Type.TEXT, "The tag's name")), List.of(), "tag=vip"),
            new Step("remove-tag", "Remove Tag", "Removes a tag from the contact.", SERVICE_TASK, StepNames.REMOVE_TAG, false,
                    List.of(required("tag", "Tag", Type.TEXT, "The tag's name")), List.of(), "tag=lead"),
            new Step("add-to-list", "Add to List", "Adds the contact to a list (by name).", SERVICE_TASK, StepNames.ADD_TO_LIST, false,
                    List.of(required("list", "List", Type.TEXT, "The list's name")), List.of(StepNames.UNKNOWN_LIST), "list=newsletter"),
            new Step("remove-from-list", "Remove from List", "Removes the contact from a list (by name).", SERVICE_TASK,
                    StepNames.REMOVE_FROM_LIST, false, List.of(required("list", "List", Type.TEXT, "The list's name")),
                    List.of(StepNames.UNKNOWN_LIST), "list=newsletter"),
            new Step("fill-contact-field", "Fill Contact Field", "Sets a dynamic field of the contact (or its name or "
                    + "language), e.g. from the last reply: value=${replyText}.", SERVICE_TASK, StepNames.FILL_CONTACT_FIELD, false,
                    List.of(required("field", "Field", Type.TEXT, "A dynamic field's name, or name / language"),
                            required("value", "Value", Type.TEXT, "The value, checked against the field's type")),
                    List.of(StepNames.INVALID_FIELD_VALUE), "field=city, value=${replyText}"),
            new Step("marketing-consent", "Marketing Consent", "Records the contact's marketing consent, given or revoked, "
                    + "with this automation as its source.", SERVICE_TASK, StepNames.MARKETING_CONSENT, false,
                    List.of(choice("consent", "Consent", true, List.of("granted", "revoked"), "Given or revoked")),
                    List.of(), "consent=granted"),
            new Step("block-contact", "Block Contact", "Blocks the contact: it gets no more messages, and its other running "
                    + "automations end.", SERVICE_TASK, StepNames.BLOCK_CONTACT, false, List.of(), List.of(), ""),
            new Step("unblock-contact", "Unblock Contact", "Unblocks the contact.", SERVICE_TASK, StepNames.UNBLOCK_CONTACT, false,
                    List.of(), List.of(), ""),
            new Step("add-operators", "Add Operators", "Assigns operators (Camunda users) to the contact's chat.",
                    SERVICE_TASK, StepNames.ADD_OPERATORS, false,
                    List.of(required("operators", "Operators", Type.LINES, "User names, one per line")),
                    List.of(StepNames.UNKNOWN_OPERATOR), "operators=olivia"),
            new Step("remove-operators", "Remove Operators", "Removes operators from the contact's chat.", SERVICE_TASK,
                    StepNames.REMOVE_OPERATORS, false,
                    List.of(required("operators", "Operators", Type.LINES, "User names, one per line")), List.of(),
                    "operators=olivia"),
            new Step("open-ticket", "Open Ticket", "Opens a ticket for the contact; its id goes into the variable ticketId.",
                    SERVICE_TASK, StepNames.OPEN_TICKET, false,
                    List.of(required("subject", "Subject", Type.TEXT, "The ticket's subject"),
                            choice("priority", "Priority", false, names(TicketPriority.values()), "Default NORMAL"),
                            optional("assignee", "Assignee", Type.TEXT, "A user name")),
                    List.of(), "subject=Refund request from ${contactPhone}"),
            new Step("update-ticket", "Update Ticket", "Changes the status or priority of the ticket in the variable "
                    + "ticketId (or the contact's latest open ticket).", SERVICE_TASK, StepNames.UPDATE_TICKET, false,
                    List.of(choice("status", "Status", false, names(TicketStatus.values()), "The new status"),
                            choice("priority", "Priority", false, names(TicketPriority.values()), "The new priority")),
                    List.of(StepNames.NO_TICKET), "status=CLOSED"));

    static {
        List<Step> all = new java.util.ArrayList<>(CORE);
        all.addAll(OutboundSteps.STEPS);
        all.addAll(IntegrationSteps.STEPS);
        all.addAll(AiSteps.STEPS);
        all.addAll(VoiceSteps.STEPS);
        STEPS = List.copyOf(all);
    }

    private static final Map<String, Step> BY_DELEGATE = STEPS.stream().filter(Step::isServiceTask)
            .collect(Collectors.toUnmodifiableMap(Step::delegate, Function.identity()));

    /**
     * The Customer Response, in either form, needs a No Response timer boundary event that interrupts it: whichever of
     * reply and timer comes first wins, and the other does nothing.
     */
    public static final String CUSTOMER_RESPONSE_TIMER_RULE = "has no No Response timer: attach an interrupting timer "
            + "boundary event (e.g. PT24H) so that the contact cannot wait forever";

    /** A customer-message trigger's phrase, written as customers' messages are compared: lower case, single spaces. */
    public static final String PHRASE_PATTERN = "^[^\\s\\p{Lu}\\p{Lt}]+( [^\\s\\p{Lu}\\p{Lt}]+)*$";
    public static final String PHRASE_RULE = "write the phrase in lower case with single spaces, the way customers' "
            + "messages are compared, so that one phrase starts one automation";

    private StepCatalogue() {
    }

    public static Optional<Step> byDelegate(String delegate) {
        return Optional.ofNullable(BY_DELEGATE.get(delegate));
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }
}
