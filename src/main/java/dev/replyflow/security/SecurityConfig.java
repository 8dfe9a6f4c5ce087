package dev.replyflow.security;

import static dev.replyflow.security.Roles.ADMIN;
import static dev.replyflow.security.Roles.ANALYST;
import static dev.replyflow.security.Roles.OPERATOR;
import static dev.replyflow.security.Roles.USER;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.security.login.LoginThrottle;
import dev.replyflow.security.tokens.ApiTokens;
import dev.replyflow.security.tokens.BearerTokenFilter;
import dev.replyflow.security.tokens.TokenCorrelationGuard;
import dev.replyflow.security.tokens.TokenScope;

/**
 * /api/** and /engine-rest/** need HTTP Basic credentials of a Camunda user or an API token (Bearer) with the right
 * scope (GETs on /api/** also take the Camunda webapp login, for Cockpit's Replyflow tab); the Camunda webapps under
 * /camunda/** keep their own login page; health and webhooks are public (webhooks prove themselves by signature).
 * Operators and analysts read, operators chat; only admins configure and import; analysts and admins deploy.
 */
@Configuration
public class SecurityConfig {

    private static final String GALLERY_GROUP = CamundaUserAuthorities.GROUP_PREFIX + "analysts";

    /**
     * Public paths ignore credentials altogether: a stray or wrong Authorization header there is no failed login and
     * no 401 (a webhook's signature, not a password, is its authentication).
     */
    @Bean
    @Order(1)
    SecurityFilterChain publicPaths(HttpSecurity http) throws Exception {
        http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(path("/actuator/health"),
                        path("/actuator/health/**"), path("/webhooks/**")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService, ProcessEngine engine,
            ObjectMapper json, ApiTokens tokens) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.csrf(csrf -> csrf.disable()) // stateless Basic auth; the Camunda webapps run their own CSRF filter
                // no session id change on authentication: a session here is Cockpit's login, which the tab reads with
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthorized()).accessDeniedHandler(problems.forbidden()))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(auth -> auth
                        // /camunda-welcome: the webapps' login page asks there whether a welcome page exists; a 401 with
                        // a Basic challenge made the browser pop up its own password dialog (and held the login form)
                        .requestMatchers(path("/camunda/**"), path("/camunda-welcome"), path("/v3/api-docs"), path("/v3/api-docs/**"),
                                path("/swagger-ui.html"), path("/swagger-ui/**"), path("/"), path("/error"),
                                // the modeler's page and bundle; everything it reads or deploys needs the user's credentials
                                path("/modeler"), path("/modeler/**")).permitAll()
                        // a token correlates replies there (TokenCorrelationGuard checks the message name)
                        .requestMatchers(path(HttpMethod.POST, "/engine-rest/message"))
                                .hasAnyAuthority("ROLE_" + USER, TokenScope.REPLIES_CORRELATE.authority())
                        // the engine's own authorizations decide what each user may do there; tokens may not
                        .requestMatchers(path("/engine-rest/**")).hasRole(USER)
                        .requestMatchers(path("/api/tokens"), path("/api/tokens/**")).hasRole(ADMIN)
                        .requestMatchers(path(HttpMethod.DELETE, "/api/contacts/*")).hasRole(ADMIN)
                        // the gallery: group analysts may read and deploy it too
                        .requestMatchers(path(HttpMethod.POST, "/api/gallery/*/deploy"))
                                .hasAnyAuthority("ROLE_" + ADMIN, "ROLE_" + ANALYST, GALLERY_GROUP)
                        .requestMatchers(path(HttpMethod.GET, "/api/gallery"), path(HttpMethod.GET, "/api/gallery/**"))
                                .hasAnyAuthority("ROLE_" + ADMIN, "ROLE_" + OPERATOR, "ROLE_" + ANALYST, GALLERY_GROUP)
                        .requestMatchers(path(HttpMethod.GET, "/api/**")).hasAnyAuthority("ROLE_" + ADMIN, "ROLE_" + OPERATOR,
                                "ROLE_" + ANALYST, TokenScope.READ.authority())
                        .requestMatchers(path(HttpMethod.POST, "/api/automations/*/start"))
                                .hasAnyAuthority("ROLE_" + ADMIN, TokenScope.AUTOMATIONS_START.authority())
                        // chatting costs money and speaks for the business: people only, not contacts:write tokens
                        .requestMatchers(path("/api/contacts/*/messages"), path("/api/tickets/**"), path("/api/tickets"))
                                .hasAnyRole(ADMIN, OPERATOR)
                        .requestMatchers(path("/api/contacts/**"), path("/api/contacts"))
                                .hasAnyAuthority("ROLE_" + ADMIN, "ROLE_" + OPERATOR, TokenScope.CONTACTS_WRITE.authority())
                        .anyRequest().hasRole(ADMIN))
                .addFilterBefore(new BearerTokenFilter(tokens, problems.unauthorized()), BasicAuthenticationFilter.class)
                // Cockpit's Replyflow tab reads /api with the Cockpit login (GET only)
                .addFilterAfter(new CamundaWebappSessionAuthentication(new CamundaUserAuthorities(identityService),
                        engine.getName()), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
                .addFilterAfter(new TokenCorrelationGuard(json), AuthorizationFilter.class);
        return http.build();
    }

    /** The only authentication provider: as a bean it also replaces Spring Boot's generated in-memory user. */
    @Bean
    AuthenticationProvider camundaUsers(IdentityService identityService, LoginThrottle throttle, RecentLogins recent) {
        return new CamundaUserAuthenticationProvider(identityService, throttle, recent);
    }

    @Bean
    RecentLogins recentLogins(@org.springframework.beans.factory.annotation.Value("${replyflow.security.login-cache:PT5S}")
            java.time.Duration ttl) {
        return new RecentLogins(ttl);
    }

    /**
     * No observation around each security filter, authentication and authorization: nothing records them (metrics are
     * not exposed, no tracer), yet with an observation registry present they took a twentieth of the JVM's CPU per API
     * call under load (a profile of the core loop on PostgreSQL). The HTTP request observation is off too (application.yaml).
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** An engine plugin: Camunda's starter adds every ProcessEnginePlugin bean to the engine. */
    @Bean
    static IdentityChanges identityChanges(@org.springframework.context.annotation.Lazy RecentLogins recent) {
        return new IdentityChanges(recent);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
