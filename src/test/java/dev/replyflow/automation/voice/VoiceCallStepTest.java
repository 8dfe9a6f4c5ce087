package dev.replyflow.automation.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.junit.jupiter.api.Test;

import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.ContactView;

/** What the step decides before Twilio is asked, without an engine: here, an unconfigured account. */
class VoiceCallStepTest {

    private final ContactService contacts = mock(ContactService.class);
    private final TwilioVoiceClient twilio = mock(TwilioVoiceClient.class);
    private final VoiceCallLedger ledger = mock(VoiceCallLedger.class);

    @Test
    void withoutAnAccountTheStepFailsNamingTheMissingKeys() {
        VoiceProperties unconfigured = new VoiceProperties(null, "AC1", null, null, null, null, null);
        VoiceCallStep step = new VoiceCallStep(mock(ContactRepository.class), contacts, unconfigured, twilio, ledger);
        when(contacts.get(7L)).thenReturn(contact(7L));
        ActivityExecution execution = mock(ActivityExecution.class, RETURNS_DEEP_STUBS);
        when(execution.getCurrentActivityId()).thenReturn("call");
        when(execution.getVariable("contactId")).thenReturn(7L);
        when(execution.getVariableLocal("message")).thenReturn("Ciao");

        assertThatThrownBy(() -> step.execute(execution)).isInstanceOfSatisfying(BpmnError.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("call-failed");
            assertThat(e.getMessage()).isEqualTo("Voice Call 'call': voice calls are not configured: set "
                    + "replyflow.voice.auth-token, replyflow.voice.from");
        });
        verify(ledger, never()).starting(anyLong(), anyString());
        verify(twilio, never()).call(any(), any());
    }

    private static ContactView contact(long id) {
        return new ContactView(id, "+393201234567", null, "it", false, null, null, false, false, List.of(), List.of(),
                Map.of(), List.of(), null, null, Instant.now(), Instant.now());
    }
}
