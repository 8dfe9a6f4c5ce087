package dev.replyflow.security;

import static dev.replyflow.security.Roles.ADMIN;
import static dev.replyflow.security.Roles.OPERATOR;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/**
 * /api/** and /engine-rest/** need HTTP Basic credentials of a Camunda user (GETs on /api/** also take the Camunda
 * webapp login, for Cockpit's Replyflow tab); the Camunda webapps under /camunda/** keep their own login page;
 * health and webhooks are public (webhooks prove themselves by signature). Operators read and chat; only admins
 * configure, import and deploy.
 */
@Configuration
public class SecurityConfig {

    private static final String GALLERY_GROUP = CamundaUserAuthorities.GROUP_PREFIX + "analysts";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService, ProcessEngine engine,
            ObjectMapper json) throws Exception {
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
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**"), path("/webhooks/**"),
                                path("/camunda/**"), path("/camunda-welcome"), path("/v3/api-docs"), path("/v3/api-docs/**"),
                                path("/swagger-ui.html"), path("/swagger-ui/**"), path("/"), path("/error"),
                                // the modeler's page and bundle; everything it reads or deploys needs the user's credentials
                                path("/modeler"), path("/modeler/**")).permitAll()
                        // the engine's own authorizations decide what each user may do there
                        .requestMatchers(path("/engine-rest/**")).authenticated()
                        .requestMatchers(path(HttpMethod.DELETE, "/api/contacts/*")).hasRole(ADMIN)
                        // the gallery: group analysts (by its GROUP_ authority) may read and deploy it too
                        .requestMatchers(path(HttpMethod.POST, "/api/gallery/*/deploy")).hasAnyAuthority("ROLE_" + ADMIN, GALLERY_GROUP)
                        .requestMatchers(path(HttpMethod.GET, "/api/gallery"), path(HttpMethod.GET, "/api/gallery/**"))
                                .hasAnyAuthority("ROLE_" + ADMIN, "ROLE_" + OPERATOR, GALLERY_GROUP)
                        .requestMatchers(path(HttpMethod.GET, "/api/**")).hasAnyRole(ADMIN, OPERATOR)
                        .requestMatchers(path("/api/contacts/**"), path("/api/contacts"), path("/api/tickets/**"),
                                path("/api/tickets")).hasAnyRole(ADMIN, OPERATOR)
                        .anyRequest().hasRole(ADMIN))
                // Cockpit's Replyflow tab reads /api with the Cockpit login (GET only)
                .addFilterAfter(new CamundaWebappSessionAuthentication(new CamundaUserAuthorities(identityService),
                        engine.getName()), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }

    /** The only authentication provider: as a bean it also replaces Spring Boot's generated in-memory user. */
    @Bean
    AuthenticationProvider camundaUsers(IdentityService identityService) {
        return new CamundaUserAuthenticationProvider(identityService);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
