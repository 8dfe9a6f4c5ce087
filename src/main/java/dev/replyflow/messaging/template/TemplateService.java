package dev.replyflow.messaging.template;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.replyflow.billing.ConversationCategory;
import dev.replyflow.contact.ContactService;
import dev.replyflow.web.ApiException;

/** Templates follow WhatsApp's own rules, so that what is accepted here is also accepted by Meta. */
@Service
@Transactional
public class TemplateService {

    /** More parameters than a 1024-character body could hold are a typo, not a template. */
    static final int MAX_PLACEHOLDER = 100;
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\d+)}}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Set<String> UTM_KEYS = Set.of("source", "medium", "campaign", "term", "content");

    private final TemplateRepository templates;
    private final Clock clock;
    private final boolean sandbox;
    private final TemplatesToSend toSend;

    public TemplateService(TemplateRepository templates, Clock clock,
            @Value("${replyflow.whatsapp.provider:sandbox}") String provider, TemplatesToSend toSend) {
        this.templates = templates;
        this.toSend = toSend;
        this.clock = clock;
        this.sandbox = "sandbox".equals(provider);
    }

    public Template create(TemplateRequest r) {
        if (r.name() == null || !NAME.matcher(r.name()).matches()) {
            throw ApiException.invalid("name", "A template name is lower-case letters, digits and _ (like order_update)");
        }
        if (r.language() == null || r.language().isBlank()) {
            throw ApiException.invalid("language", "A template needs a language code like it or en_US");
        }
        String language = ContactService.normalizeLanguage(r.language());
        if (r.category() == null || r.category() == ConversationCategory.SERVICE) {
            throw ApiException.invalid("category", "A template's category is MARKETING, UTILITY or AUTHENTICATION");
        }
        checkBody(r.body());
        checkHeader(r.header());
        if (r.footer() != null && r.footer().length() > 60) {
            throw ApiException.invalid("footer", "A footer is at most 60 characters");
        }
        checkButtons(r.buttons() == null ? List.of() : r.buttons());
        if (templates.existsByNameAndLanguage(r.name(), language)) {
            throw ApiException.conflict("Template exists", "Template " + r.name() + " already exists in " + language, "name");
        }
        // the sandbox approves at once; a real number's templates wait for Meta's review
        Template.Status status = r.status() != null ? r.status() : sandbox ? Template.Status.APPROVED : Template.Status.PENDING;
        toSend.forget(r.name());
        return templates.save(new Template(r, language, status, clock.instant()));
    }

    /** Records Meta's review of a template (approved, rejected, paused, disabled). */
    public Template setStatus(Long id, Template.Status status) {
        if (status == null) {
            throw ApiException.invalid("status", "status is one of " + List.of(Template.Status.values()));
        }
        Template template = require(id);
        toSend.forget(template.getName());
        template.setStatus(status, clock.instant());
        return template;
    }

    @Transactional(readOnly = true)
    public Template require(Long id) {
        return templates.findById(id).orElseThrow(() -> ApiException.notFound("Template", id));
    }

    /** The number of {{n}} parameters of a body (they must be {{1}} … {{n}}). */
    static int parameterCount(String body) {
        return placeholders(body).size();
    }

    private static Set<Integer> placeholders(String body) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            String digits = m.group(1);
            if (digits.length() > 3 || Integer.parseInt(digits) > MAX_PLACEHOLDER) {
                throw ApiException.invalid("body", "{{" + digits + "}} is not a placeholder: they are {{1}} to {{"
                        + MAX_PLACEHOLDER + "}}");
            }
            numbers.add(Integer.parseInt(digits));
        }
        return numbers;
    }

    private static void checkBody(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "A template needs a body");
        }
        if (body.length() > 1024) {
            throw ApiException.invalid("body", "A body is at most 1024 characters");
        }
        Set<Integer> numbers = placeholders(body);
        int expected = 1;
        for (int n : numbers) {
            if (n != expected++) {
                throw ApiException.invalid("body", "Placeholders must be {{1}}, {{2}}, … without gaps; found " + numbers);
            }
        }
    }

    private static void checkHeader(TemplateRequest.Header header) {
        if (header == null) {
            return;
        }
        if (header.type() == null) {
            throw ApiException.invalid("header.type", "A header's type is TEXT, IMAGE, DOCUMENT or VIDEO");
        }
        if (header.type() == Template.HeaderType.TEXT) {
            if (header.text() == null || header.text().isBlank() || header.text().length() > 60) {
                throw ApiException.invalid("header.text", "A text header has 1 to 60 characters");
            }
        } else if (!isWebUrl(header.link())) {
            throw ApiException.invalid("header.link", "A media header needs the https link of its " + header.type().name().toLowerCase());
        }
    }

    private static void checkButtons(List<TemplateButton> buttons) {
        if (buttons.size() > 10) {
            throw ApiException.invalid("buttons", "A template has at most 10 buttons");
        }
        for (int i = 0; i < buttons.size(); i++) {
            TemplateButton b = buttons.get(i);
            String field = "buttons[" + i + "]";
            if (b.type() == null) {
                throw ApiException.invalid(field + ".type", "A button's type is QUICK_REPLY or URL");
            }
            if (b.text() == null || b.text().isBlank() || b.text().length() > 25) {
                throw ApiException.invalid(field + ".text", "A button's text has 1 to 25 characters");
            }
            if (b.type() == TemplateButton.Type.URL) {
                if (!isWebUrl(b.url() == null ? null : b.url().replace("{{1}}", "x"))) {
                    throw ApiException.invalid(field + ".url", "A URL button needs an http(s) URL, optionally ending in {{1}}");
                }
                if (b.utm() != null && !UTM_KEYS.containsAll(b.utm().keySet())) {
                    throw ApiException.invalid(field + ".utm", "UTM parameters are " + new TreeSet<>(UTM_KEYS));
                }
            }
        }
        if (buttons.stream().filter(b -> b.type() == TemplateButton.Type.URL).count() > 2) {
            throw ApiException.invalid("buttons", "A template has at most 2 URL buttons");
        }
    }

    private static boolean isWebUrl(String link) {
        if (link == null) {
            return false;
        }
        try {
            URI uri = URI.create(link);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
