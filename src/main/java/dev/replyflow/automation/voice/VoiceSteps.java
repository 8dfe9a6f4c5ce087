package dev.replyflow.automation.voice;

import static dev.replyflow.automation.StepParameter.optional;
import static dev.replyflow.automation.StepParameter.required;

import java.util.List;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.StepParameter.Type;

/** The catalogue entry of the Voice Call step (the reference product's "Spoki Voice"). */
public final class VoiceSteps {

    /** The delegate bean, named by the catalogue and by the step. */
    public static final String BEAN = "voiceCall";
    /** The BPMN error of every call that is not made and that retrying would not make. */
    public static final String CALL_FAILED = "call-failed";

    /** The process variable that receives Twilio's call SID. */
    public static final String CALL_SID_VARIABLE = "callSid";

    public static final Step VOICE_CALL = new Step("voice-call", "Voice Call", "Spoki Voice: makes an automatic voice "
            + "call to the contact that reads a message aloud (text-to-speech, through Twilio); the call's SID goes into "
            + "the variable callSid. At most one call per step execution, even when the call is retried or a node "
            + "stops mid-call: a call whose outcome is unknown becomes an incident, not a second call. A blocked "
            + "contact, a call Twilio refuses or missing configuration takes the call-failed path; Twilio being "
            + "unavailable is retried, then becomes an incident. How the call ended (answered, busy, not answered) is "
            + "noted in the chat when replyflow.voice.status-callback-url points at /webhooks/voice/twilio.",
            "bpmn:ServiceTask", BEAN, true,
            List.of(required("message", "Message", Type.LINES, "What the call says (text-to-speech); may use "
                            + "${expressions}"),
                    optional("language", "Language", Type.TEXT, "The spoken language, like it-IT or en-GB; default: "
                            + "the contact's language"),
                    optional("voice", "Voice", Type.TEXT, "A Twilio text-to-speech voice, like Polly.Bianca; default: "
                            + "Twilio's voice for the language")),
            List.of(CALL_FAILED), "message=\"Il tuo ordine ${orderId} arriva oggi tra le 14 e le 18\", language=it-IT");

    public static final List<Step> STEPS = List.of(VOICE_CALL);

    private VoiceSteps() {
    }
}
