package dev.replyflow.security.analysts;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import dev.replyflow.automation.Step;
import dev.replyflow.automation.StepCatalogue;

/**
 * What automations' expressions can reach, for everyone: only the step catalogue's delegates, the condition helpers
 * and the beans listed in replyflow.security.expression-beans (a deployment that slipped past the deploy-time rules
 * still cannot name jdbcTemplate or identityService), with reflection guarded. And, for analysts, the deploy-time
 * rules ({@link AnalystDeploymentRules}).
 */
@Component
public class ExpressionSandbox extends AbstractProcessEnginePlugin {

    /** The condition helpers of If / Else and Delay (automation/ConditionHelpers, settings/BusinessHoursConditions). */
    static final Set<String> HELPERS = Set.of("contact", "reply", "businessHours");

    private final ApplicationContext context;
    private final Set<String> extraBeans;

    public ExpressionSandbox(ApplicationContext context,
            @Value("${replyflow.security.expression-beans:}") List<String> extraBeans) {
        this.context = context;
        this.extraBeans = extraBeans.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    static Set<String> delegates() {
        return StepCatalogue.STEPS.stream().filter(Step::isServiceTask).map(Step::delegate).collect(Collectors.toSet());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Set<String> names = new HashSet<>(delegates());
        names.addAll(HELPERS);
        names.addAll(extraBeans);
        ExpressionBeans beans = new ExpressionBeans(context, names);
        configuration.setBeans(beans);
        configuration.setExpressionManager(new GuardedExpressionManager(context, beans));
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new AnalystDeploymentRules(delegates(), this::policy));
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    /** The helpers with their members, the delegates with none; every other bean of the application refused. */
    private ExpressionPolicy policy() {
        Map<String, Set<String>> allowed = new HashMap<>();
        delegates().forEach(d -> allowed.put(d, Set.of()));
        for (String helper : HELPERS) {
            Class<?> type = context.getType(helper);
            allowed.put(helper, type == null ? Set.of() : members(type));
        }
        Set<String> forbidden = new HashSet<>(Arrays.asList(context.getBeanDefinitionNames()));
        forbidden.removeAll(allowed.keySet());
        return new ExpressionPolicy(allowed, forbidden);
    }

    /** A helper's public methods and the properties its getters make (getName → name, isBlocked → blocked). */
    static Set<String> members(Class<?> type) {
        Set<String> members = new HashSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.getName();
            members.add(name);
            if (name.startsWith("get") && name.length() > 3 && method.getParameterCount() == 0) {
                members.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            } else if (name.startsWith("is") && name.length() > 2 && method.getParameterCount() == 0) {
                members.add(Character.toLowerCase(name.charAt(2)) + name.substring(3));
            }
        }
        return members;
    }
}
