package dev.replyflow.automation.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Zapier and Make call only their own hosts, over https. */
class WebhookUrlRulesTest {

    private final ZapierStep zapier = new ZapierStep(null, null, null);
    private final MakeStep make = new MakeStep(null, null, null);

    @Test
    void zapierTakesOnlyHttpsCatchHooks() {
        assertThat(zapier.urlProblem(URI.create("https://hooks.zapier.com/hooks/catch/1/abc/"))).isNull();
        assertThat(zapier.urlProblem(URI.create("https://HOOKS.zapier.com/hooks/catch/1/abc/"))).isNull();
        assertThat(zapier.urlProblem(URI.create("http://hooks.zapier.com/hooks/catch/1/abc/"))).contains("https://hooks.zapier.com");
        assertThat(zapier.urlProblem(URI.create("https://hooks.zapier.com.evil.example/x"))).isNotNull();
        assertThat(zapier.urlProblem(URI.create("https://zapier.com/hooks/catch/1/abc/"))).isNotNull();
    }

    @Test
    void makeTakesOnlyHttpsMakeHosts() {
        assertThat(make.urlProblem(URI.create("https://hook.eu1.make.com/abc123"))).isNull();
        assertThat(make.urlProblem(URI.create("https://hook.us2.make.com/abc123"))).isNull();
        assertThat(make.urlProblem(URI.create("http://hook.eu1.make.com/abc123"))).contains("make.com");
        assertThat(make.urlProblem(URI.create("https://make.com.evil.example/abc123"))).isNotNull();
        assertThat(make.urlProblem(URI.create("https://evilmake.com/abc123"))).isNotNull();
    }
}
