package dev.replyflow.automation.ai;

import static dev.replyflow.automation.StepParameter.optional;

import java.util.List;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.StepParameter.Type;

/** The catalogue entry of the AI Operator step. */
public final class AiSteps {

    /** The BPMN error of a step whose settings cannot work (a knowledge-base line without =>, a confidence above 1). */
    /** The delegate bean, named by the catalogue and by the step. */
    public static final String BEAN = "aiOperator";
    public static final String INVALID_SETTINGS = "invalid-ai-settings";
    /** The BPMN error of a step naming an operator who is not a user (as Add Operators). */
    public static final String UNKNOWN_OPERATOR = "unknown-operator";

    public static final Step AI_OPERATOR = new Step("ai-operator", "AI Operator", "Assigns a virtual operator (AI-based) "
            + "to the contact's chat: from then on it answers each customer message (free text, 24h window) and marks the "
            + "chat read. It hands the chat over to people when the message contains a handover keyword, when no answer "
            + "reaches the minimum confidence, or when the answer cannot be sent (e.g. no credit): it leaves the chat, "
            + "marks it unread, adds a note with the reason and assigns the operators. The answerer is the built-in "
            + "knowledge base or an OpenAI-compatible model (replyflow.ai.answerer).",
            "bpmn:ServiceTask", BEAN, false,
            List.of(optional("knowledgeBase", "Knowledge base", Type.LINES, "One entry per line: question keywords => "
                    + "answer; alternatives separated by commas, e.g. opening hours, when are you open => 9-18"),
                    optional("handoverKeywords", "Handover keywords", Type.LINES, "Words or phrases, one per line, that "
                            + "hand the chat over to people; default " + String.join(", ", AiSettings.DEFAULT_HANDOVER_KEYWORDS)),
                    optional("minConfidence", "Minimum confidence", Type.TEXT, "0 to 1; a less confident answer is not "
                            + "sent and the chat is handed over; default " + AiSettings.DEFAULT_MIN_CONFIDENCE),
                    optional("operators", "Operators on handover", Type.LINES, "User names, one per line, assigned to the "
                            + "chat when the AI operator hands it over")),
            List.of(INVALID_SETTINGS, UNKNOWN_OPERATOR),
            "knowledgeBase=\"opening hours, when are you open => We are open 9-18, Monday to Friday\", operators=olivia");

    public static final List<Step> STEPS = List.of(AI_OPERATOR);

    private AiSteps() {
    }
}
