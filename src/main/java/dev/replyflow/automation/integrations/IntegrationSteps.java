package dev.replyflow.automation.integrations;

import static dev.replyflow.automation.StepParameter.choice;
import static dev.replyflow.automation.StepParameter.optional;
import static dev.replyflow.automation.StepParameter.required;

import java.util.List;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.StepParameter.Type;

/**
 * The steps that pass the contact or a payment to other services: ActiveCampaign, Emailchef, PayPal. They talk
 * to the outside world, from the remote-call worker (automation/calls): a service that is down or busy is retried
 * on the engine's retry cycle and finally becomes an incident; a refusal (credentials, data) is the catchable BPMN
 * error {@value #INTEGRATION_FAILED}.
 */
public final class IntegrationSteps {

    public static final String INTEGRATION_FAILED = "integration-failed";

    /** The delegate beans, named by the catalogue and by the steps. */
    public static final String ACTIVE_CAMPAIGN_BEAN = "activeCampaign";
    public static final String EMAILCHEF_BEAN = "emailchef";
    public static final String PAYPAL_BEAN = "paypal";
    private static final String SERVICE_TASK = "bpmn:ServiceTask";

    public static final Step ACTIVE_CAMPAIGN = new Step("activecampaign", "ActiveCampaign", "Creates or updates the "
            + "contact in ActiveCampaign by its email (field email), with its name and phone; add-tag also adds a tag to "
            + "it there. ActiveCampaign's contact id goes into the variable activeCampaignContactId.", SERVICE_TASK,
            ACTIVE_CAMPAIGN_BEAN, true,
            List.of(choice("action", "Action", true, List.of("sync-contact", "add-tag"), "Sync the contact, or sync "
                    + "it and add a tag"),
                    optional("tag", "Tag", Type.TEXT, "For add-tag: the ActiveCampaign tag (created on first use)")),
            List.of(INTEGRATION_FAILED), "action=add-tag, tag=whatsapp-lead");

    public static final Step EMAILCHEF = new Step("emailchef", "Emailchef", "Adds the contact to an Emailchef list (or "
            + "updates it there) with its email (field email), first and last name and phone. Its Emailchef id goes into "
            + "the variable emailchefContactId.", SERVICE_TASK, EMAILCHEF_BEAN, true,
            List.of(required("list", "List id", Type.TEXT, "The Emailchef list's id (a number)")),
            List.of(INTEGRATION_FAILED), "list=12345");

    public static final Step PAYPAL = new Step("paypal", "PayPal", "Creates a PayPal payment link for an amount: the "
            + "link goes into the variable paymentUrl (use it in the next Send Message step) and the order id into "
            + "paypalOrderId. A retried step creates one order, not two.", SERVICE_TASK, PAYPAL_BEAN, true,
            List.of(required("amount", "Amount", Type.TEXT, "A decimal amount such as 12.50, or ${orderTotal}"),
                    optional("currency", "Currency", Type.TEXT, "An ISO 4217 code such as EUR (the default) or USD"),
                    optional("description", "Description", Type.TEXT, "Shown to the payer; at most 127 characters")),
            List.of(INTEGRATION_FAILED), "amount=12.50, description=Order A-77");

    public static final List<Step> STEPS = List.of(ACTIVE_CAMPAIGN, EMAILCHEF, PAYPAL);

    private IntegrationSteps() {
    }
}
