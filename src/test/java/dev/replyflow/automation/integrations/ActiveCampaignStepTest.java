package dev.replyflow.automation.integrations;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.junit.jupiter.api.Test;

import dev.replyflow.contact.Contact;
import dev.replyflow.contact.ContactRepository;
import dev.replyflow.contact.ContactService;

/** What the deploy-time check cannot see: an action given as an expression, add-tag without its tag. */
class ActiveCampaignStepTest {

    private final ActiveCampaignClient client = mock(ActiveCampaignClient.class);
    private final ActivityExecution execution = mock(ActivityExecution.class);
    private final ActiveCampaignStep step;

    ActiveCampaignStepTest() {
        ContactService contacts = mock(ContactService.class);
        Contact contact = new Contact("+393201234567", Instant.now());
        contact.getFields().put("email", "mario@example.com");
        when(contacts.require(7L)).thenReturn(contact);
        when(execution.getVariable("contactId")).thenReturn(7L);
        when(execution.getCurrentActivityId()).thenReturn("ac");
        step = new ActiveCampaignStep(mock(ContactRepository.class), contacts, client);
    }

    @Test
    void addTagWithoutATagIsAnIntegrationFailure() {
        when(execution.getVariableLocal("action")).thenReturn("add-tag");

        assertThatThrownBy(() -> step.execute(execution)).isInstanceOf(BpmnError.class)
                .hasFieldOrPropertyWithValue("errorCode", "integration-failed")
                .hasMessageContaining("ActiveCampaign step 'ac': add-tag needs the parameter 'tag'");
        verify(client, never()).syncContact(any());
    }

    @Test
    void anUnknownActionIsAnIntegrationFailure() {
        when(execution.getVariableLocal("action")).thenReturn("unsubscribe");

        assertThatThrownBy(() -> step.execute(execution)).isInstanceOf(BpmnError.class)
                .hasMessageContaining("the action must be sync-contact or add-tag, not 'unsubscribe'");
        verify(client, never()).syncContact(any());
    }
}
