package dev.replyflow.security.analysts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ExpressionPolicyTest {

    private final ExpressionPolicy policy = new ExpressionPolicy(
            Map.of("contact", Set.of("hasTag", "inList", "field", "marketingConsent", "name"),
                    "reply", Set.of("is", "contains", "text", "payload"), "sendMessage", Set.of()),
            Set.of("jdbcTemplate", "identityService", "contactService"));

    @Test
    void variablesHelpersDelegatesAndHarmlessMethodsPass() {
        for (String ok : new String[] {"${replyText}", "${contact.hasTag('vip') && reply.is('yes')}", "${sendMessage}",
                "Hello ${contact.name}, order ${orderNumber}", "${replyText.toLowerCase().contains('price')}",
                "${execution.getVariable('visited') == null}", "${contact.field('city') == 'Bari'}", "${not empty replyText}",
                "${orderTotal > 100 ? 'big' : 'small'}", "${items[0]}", "${order['total']}", "${now()}", "PT24H",
                "${x != 1 and y >= 2}", "no expression at all {{1}}"}) {
            assertThat(policy.violation(ok)).as(ok).isEmpty();
        }
    }

    @Test
    void reflectionOtherBeansFunctionsAndTricksAreRefused() {
        for (String refused : new String[] {"${''.getClass().forName('java.lang.Runtime')}", "${jdbcTemplate}",
                "${identityService.createUserQuery().list()}", "${replyText.class}", "${replyText['class']}",
                "${replyText[name]}", "${execution.getProcessEngineServices()}", "${execution.processEngine}",
                "${task.execution}", "${contact.getClass()}", "${sendMessage.execute(execution)}", "#{jdbcTemplate}",
                "${fn:exec('x')}", "${Runtime.getRuntime().exec('touch /tmp/x')}", "${x = 1}", "${(() -> 1)()}",
                "Hi ${name} and ${contactService}", "${contact['getClass']()}", "${'a'.concat('b')}"}) {
            assertThat(policy.violation(refused)).as(refused).isPresent();
        }
    }

    @Test
    void theReasonQuotesTheExpression() {
        assertThat(policy.violation("${''.getClass().forName('java.lang.Runtime')}"))
                .hasValueSatisfying(v -> assertThat(v).contains("getClass").contains("not allowed"));
        assertThat(policy.violation("${jdbcTemplate.queryForList('select 1')}"))
                .hasValueSatisfying(v -> assertThat(v).contains("'jdbcTemplate' is not a step"));
    }
}
