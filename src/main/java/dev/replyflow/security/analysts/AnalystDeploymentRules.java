package dev.replyflow.security.analysts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

import dev.replyflow.security.Roles;

/**
 * What an analyst (any deploying user outside camunda-admin) may deploy: automations made of the step catalogue's
 * delegates, the condition helpers and process variables. Refused at deploy time, each problem naming its element:
 * Java classes (camunda:class and the like), scripts, connectors, delegates that are no catalogue step, and
 * expressions the {@link ExpressionPolicy} refuses. Deployments without a user (processes/ at start-up) and by
 * admins are not restricted: an admin may deploy Java classes and scripts, i.e. run any code on the server.
 */
class AnalystDeploymentRules extends AbstractBpmnParseListener {

    private static final Pattern BEAN_REFERENCE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
    /** Content that is never evaluated. */
    private static final Set<String> INERT = Set.of("documentation", "textAnnotation", "BPMNDiagram", "property");

    private final Set<String> delegates;
    private final Supplier<ExpressionPolicy> policy;

    /**
     * @param delegates the catalogue's delegate bean names
     * @param policy the expression rules (built on first use: they list the application's beans)
     */
    AnalystDeploymentRules(Set<String> delegates, Supplier<ExpressionPolicy> policy) {
        this.delegates = delegates;
        this.policy = policy;
    }

    private record Problem(Element element, String message) {
    }

    @Override
    public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
        if (!restricted()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        check(root, null, policy.get(), problems);
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("The automation uses what analysts may not deploy "
                    + "(only catalogue steps, condition helpers and process variables):");
            problems.forEach(p -> message.append(" [").append(p.message()).append("]"));
            throw new BpmnParseException(message.toString(), problems.get(0).element());
        }
    }

    /** Restricted: a deploying user who is not in camunda-admin. */
    private static boolean restricted() {
        Authentication user = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
        if (user == null || user.getUserId() == null) {
            return false;
        }
        return user.getGroupIds() == null || !user.getGroupIds().contains(Roles.ADMIN_GROUP);
    }

    private void check(Element element, Element owner, ExpressionPolicy policy, List<Problem> problems) {
        String tag = element.getTagName();
        if (INERT.contains(tag)) {
            return;
        }
        // the nearest element with an id is the one the modeler marks
        Element marked = element.attribute("id") != null ? element : owner;
        String where = describe(marked);
        switch (tag) {
            case "scriptTask" -> problems.add(new Problem(marked, where + ": script tasks run code on the server"));
            case "script" -> problems.add(new Problem(marked, where + ": camunda:script runs code on the server"));
            case "connector" -> problems.add(new Problem(marked, where + ": connectors call any address from the server"));
            default -> { }
        }
        for (String key : element.attributes()) {
            String name = key.substring(key.lastIndexOf(':') + 1);
            String value = element.attribute(key);
            if (name.toLowerCase(Locale.ROOT).endsWith("class")) {
                problems.add(new Problem(marked, where + ": camunda:" + name + " runs Java code on the server; use a catalogue step"));
            } else if (name.equals("language") || name.equals("scriptFormat")) {
                problems.add(new Problem(marked, where + ": scripts run code on the server; use an expression"));
            } else if (name.endsWith("DelegateExpression") || name.equals("delegateExpression")) {
                Matcher bean = BEAN_REFERENCE.matcher(value == null ? "" : value.strip());
                if (!bean.matches() || !delegates.contains(bean.group(1))) {
                    problems.add(new Problem(marked, where + ": '" + value + "' is not a step of the catalogue "
                            + "(delegates like ${sendMessage}, ${addTag})"));
                }
            } else {
                expression(marked, where, value, policy, problems);
            }
        }
        expression(marked, where, element.getText(), policy, problems);
        for (Element child : element.elements()) {
            check(child, marked, policy, problems);
        }
    }

    private static void expression(Element marked, String where, String value, ExpressionPolicy policy, List<Problem> problems) {
        Optional<String> violation = policy.violation(value);
        violation.ifPresent(v -> problems.add(new Problem(marked, where + ": " + v)));
    }

    private static String describe(Element element) {
        if (element == null) {
            return "The definitions";
        }
        String tag = element.getTagName();
        String kind = tag.isEmpty() ? "Element" : Character.toUpperCase(tag.charAt(0)) + tag.substring(1);
        return kind + " '" + element.attribute("id") + "'";
    }
}
