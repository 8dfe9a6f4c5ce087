package dev.replyflow.automation;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.replyflow.delivery.HandOff;

/**
 * The hand-off of a stored shop or voice delivery: start the contact's automations of a broadcast trigger
 * ({@code shop:order-paid}, {@code voice:missed} …), in the hand-off job's transaction, so that a failure starts none
 * of them and the job tries again.
 */
@Component
public class SignalHandOff implements HandOff<SignalHandOff.Start> {

    /** The trigger to fire for the contact, with the automation's variables. */
    public record Start(String signal, String phone, Long contactId, Map<String, Object> variables) {
    }

    private final Triggers triggers;

    SignalHandOff(Triggers triggers) {
        this.triggers = triggers;
    }

    @Override
    public String name() {
        return "start-by-signal";
    }

    @Override
    public Class<Start> payloadType() {
        return Start.class;
    }

    @Override
    public void run(Start start) {
        triggers.startBySignal(start.signal(), start.phone(), start.contactId(), start.variables());
    }
}
