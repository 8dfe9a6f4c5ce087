package dev.replyflow.campaign;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.ConversationCategory;
import dev.replyflow.contact.ContactList;
import dev.replyflow.contact.ContactListRepository;
import dev.replyflow.contact.ContactService;
import dev.replyflow.contact.FieldDefinitionRepository;
import dev.replyflow.contact.TagRepository;
import dev.replyflow.messaging.WhatsAppProperties;
import dev.replyflow.messaging.template.Template;
import dev.replyflow.messaging.template.TemplateRepository;
import dev.replyflow.web.ApiException;

/**
 * Creates campaigns from requests, refusing what could not run with a 400 naming the field (unknown list, tag,
 * template or automation; an automation that starts only on a message; a rate above the number's throughput), and
 * tells what a campaign sends (template categories, required fields) for its preview.
 */
@Service
class CampaignDefinitions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Pattern FIELD = Pattern.compile("fields\\.([a-z0-9_]+)");

    private final CampaignStore store;
    private final CampaignSettings settings;
    private final ContactListRepository lists;
    private final TagRepository tags;
    private final TemplateRepository templates;
    private final FieldDefinitionRepository fields;
    private final RepositoryService repository;
    private final WhatsAppProperties whatsApp;
    private final Clock clock;

    CampaignDefinitions(CampaignStore store, CampaignSettings settings, ContactListRepository lists, TagRepository tags,
            TemplateRepository templates, FieldDefinitionRepository fields, RepositoryService repository,
            WhatsAppProperties whatsApp, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.lists = lists;
        this.tags = tags;
        this.templates = templates;
        this.fields = fields;
        this.repository = repository;
        this.whatsApp = whatsApp;
        this.clock = clock;
    }

    @Transactional
    long create(CampaignRequest request, String actor) {
        if (request.name() == null || request.name().isBlank() || request.name().strip().length() > 200) {
            throw ApiException.invalid("name", "A campaign needs a name of at most 200 characters");
        }
        var audience = request.audience();
        if (audience == null || (audience.list() == null) == (audience.tags() == null)) {
            throw ApiException.invalid("audience", "Give the audience as {\"list\": name} or {\"tags\": {\"all\"|\"any\": [..]}}");
        }
        ContactList list = audience.list() == null ? null : list(audience.list(), "audience.list");
        ContactList except = audience.exceptList() == null ? null : list(audience.exceptList(), "audience.exceptList");
        List<String> tagNames = null;
        boolean allTags = false;
        if (audience.tags() != null) {
            var t = audience.tags();
            if ((t.all() == null) == (t.any() == null) || (t.all() != null ? t.all() : t.any()).isEmpty()) {
                throw ApiException.invalid("audience.tags", "Give the tags as {\"all\": [..]} or {\"any\": [..]}, not empty");
            }
            allTags = t.all() != null;
            tagNames = new ArrayList<>(new LinkedHashSet<>((allTags ? t.all() : t.any()).stream().map(String::strip).toList()));
            for (String tag : tagNames) {
                if (!tags.existsById(tag)) {
                    throw ApiException.invalid("audience.tags", "No tag named '" + tag + "'");
                }
            }
        }
        if ((request.automation() == null) == (request.template() == null)) {
            throw ApiException.invalid("automation", "Give either an automation (its key) or a template");
        }
        String templateLanguage = null;
        if (request.automation() != null) {
            startable(request.automation());
        } else {
            templateLanguage = validTemplate(request.template());
        }
        int rate = request.rate() == null ? settings.throughput() : request.rate();
        if (rate < 1 || rate > settings.throughput()) {
            throw ApiException.invalid("rate", "The rate is 1 to " + settings.throughput() + " messages/s "
                    + "(replyflow.whatsapp.throughput, the number's throughput)");
        }
        var template = request.template();
        return store.insert(request.name().strip(), list == null ? null : list.getId(), list == null ? null : list.getName(),
                tagNames, allTags, except == null ? null : except.getId(), except == null ? null : except.getName(),
                request.automation(), template == null ? null : template.name().strip(), templateLanguage,
                template == null ? null : template.parameters() == null ? List.of() : template.parameters(),
                request.startAt(), rate, actor, clock.instant());
    }

    private ContactList list(String name, String field) {
        return lists.findByName(name.strip()).orElseThrow(() -> ApiException.invalid(field, "No list named '" + name + "'"));
    }

    /** The automation's latest version, refused when the campaign cannot start it (no plain start event). */
    private ProcessDefinition startable(String key) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        if (definition == null) {
            throw ApiException.invalid("automation", "No automation with key '" + key + "'");
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        List<StartEvent> starts = model.getModelElementsByType(StartEvent.class).stream()
                .filter(start -> start.getParentElement() instanceof Process).toList();
        if (starts.stream().noneMatch(start -> start.getEventDefinitions().isEmpty())) {
            String named = starts.stream().map(CampaignDefinitions::describe).reduce((a, b) -> a + ", " + b).orElse("none");
            throw ApiException.invalid("automation", "Automation '" + key + "' starts only with " + named + ": a campaign "
                    + "starts each recipient's instance itself, so the automation needs a plain (none) start event");
        }
        return definition;
    }

    private static String describe(StartEvent start) {
        EventDefinition definition = start.getEventDefinitions().iterator().next();
        String kind = definition instanceof MessageEventDefinition message ? "message start event '" + start.getId() + "'"
                + (message.getMessage() != null ? " (" + message.getMessage().getName() + ")" : "")
                : definition.getElementType().getTypeName() + " start event '" + start.getId() + "'";
        return kind;
    }

    /** @return the template's language as stored (null: the contact's language picks it) */
    private String validTemplate(CampaignRequest.TemplateRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw ApiException.invalid("template.name", "Give the template's name");
        }
        List<Template> all = templates.findByNameOrderByLanguage(request.name().strip());
        if (all.isEmpty()) {
            throw ApiException.invalid("template.name", "No template named '" + request.name() + "'");
        }
        String language = null;
        Template template = all.get(0);
        if (request.language() != null && !request.language().isBlank()) {
            language = ContactService.normalizeLanguage(request.language());
            String wanted = language;
            template = all.stream().filter(t -> t.getLanguage().equals(wanted)).findFirst().orElseThrow(() ->
                    ApiException.invalid("template.language", "Template '" + request.name() + "' does not exist in " + wanted));
        }
        List<String> parameters = request.parameters() == null ? List.of() : request.parameters();
        int expected = placeholders(template.getBody());
        if (parameters.size() != expected) {
            throw ApiException.invalid("template.parameters", "Template '" + template.getName() + "' needs " + expected
                    + " parameter(s), got " + parameters.size());
        }
        for (String parameter : parameters) {
            if (parameter == null || parameter.isBlank() || parameter.contains("\n")) {
                throw ApiException.invalid("template.parameters", "A parameter is one line of text, not empty");
            }
            Matcher m = REFERENCE.matcher(parameter);
            while (m.find()) {
                String reference = m.group(1);
                Matcher field = FIELD.matcher(reference);
                boolean known = reference.equals("contact.name") || reference.equals("contact.phone")
                        || field.matches() && fields.existsById(field.group(1));
                if (!known) {
                    throw ApiException.invalid("template.parameters", "'{{" + reference + "}}' is not {{contact.name}}, "
                            + "{{contact.phone}} or {{fields.<a defined field>}}");
                }
            }
        }
        return language;
    }

    private static int placeholders(String body) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers.size();
    }

    /** What the campaign sends each recipient, for its exclusions and its cost. */
    @Transactional(readOnly = true)
    WhatItSends whatItSends(Campaign campaign) {
        List<ConversationCategory> categories = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        if (campaign.isTemplate()) {
            categoryOf(campaign.templateName(), campaign.templateLanguage()).ifPresent(categories::add);
            parameters.addAll(campaign.templateParameters());
        } else {
            ProcessDefinition definition = startable(campaign.automationKey());
            // every template Send Message counts, as if each recipient took every path: an upper bound
            for (ServiceTask task : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(ServiceTask.class)) {
                if (!"${sendMessage}".equals(task.getCamundaDelegateExpression()) || task.getExtensionElements() == null) {
                    continue;
                }
                String templateName = null;
                String language = null;
                String lines = null;
                for (CamundaInputOutput io : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
                    for (CamundaInputParameter input : io.getCamundaInputParameters()) {
                        switch (input.getCamundaName()) {
                            case "template" -> templateName = input.getTextContent().strip();
                            case "language" -> language = input.getTextContent().strip();
                            case "parameters" -> lines = input.getTextContent();
                            default -> { }
                        }
                    }
                }
                if (templateName != null && !templateName.contains("${")) {
                    categoryOf(templateName, language == null || language.isBlank() || language.contains("${") ? null
                            : ContactService.normalizeLanguage(language)).ifPresent(categories::add);
                    if (lines != null) {
                        lines.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(parameters::add);
                    }
                }
            }
        }
        boolean needsName = false;
        Set<String> required = new TreeSet<>();
        for (String parameter : parameters) {
            Matcher m = REFERENCE.matcher(parameter);
            while (m.find()) {
                Matcher field = FIELD.matcher(m.group(1));
                needsName |= m.group(1).equals("contact.name");
                if (field.matches()) {
                    required.add(field.group(1));
                }
            }
        }
        boolean needsConsent = whatsApp.marketingRequiresConsent() && categories.contains(ConversationCategory.MARKETING);
        return new WhatItSends(categories, needsName, required, needsConsent);
    }

    private java.util.Optional<ConversationCategory> categoryOf(String name, String language) {
        List<Template> all = templates.findByNameOrderByLanguage(name);
        return all.stream().filter(t -> language == null || t.getLanguage().equals(language)).findFirst()
                .or(() -> all.stream().findFirst()).map(Template::getCategory);
    }

    /** Launching needs the campaign's template approved (WhatsApp sends no other). */
    @Transactional(readOnly = true)
    void checkSendable(Campaign campaign) {
        if (campaign.isTemplate()) {
            boolean approved = templates.findByNameOrderByLanguage(campaign.templateName()).stream()
                    .filter(t -> campaign.templateLanguage() == null || t.getLanguage().equals(campaign.templateLanguage()))
                    .anyMatch(t -> t.getStatus() == Template.Status.APPROVED);
            if (!approved) {
                throw ApiException.conflict("Template not approved", "Template '" + campaign.templateName()
                        + "' is not approved by WhatsApp yet; a campaign sends only approved templates", "template.name");
            }
        } else {
            startable(campaign.automationKey());
        }
    }
}
