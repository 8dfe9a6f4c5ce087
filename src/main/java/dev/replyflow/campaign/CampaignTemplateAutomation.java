package dev.replyflow.campaign;

/**
 * The ready one-step automation a template campaign runs (system/replyflow-campaign-template.bpmn, deployed at
 * start-up): its Send Message reads the template, language and parameters from these process variables, so template
 * campaigns show in Cockpit and in the automation statistics like any automation.
 */
final class CampaignTemplateAutomation {

    static final String KEY = "replyflow-campaign-template";
    static final String TEMPLATE = "campaignTemplate";
    static final String LANGUAGE = "campaignLanguage";
    /** One parameter per line, as a Send Message's parameters. */
    static final String PARAMETERS = "campaignParameters";

    private CampaignTemplateAutomation() {
    }
}
