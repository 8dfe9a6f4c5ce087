package dev.replyflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Operators read every automation, but the URLs of Send Webhook, Zapier and Make (and variables named like secrets)
 * act as passwords: whoever knows a Zapier hook URL can post to it. For users outside camunda-admin and analysts,
 * the engine's answers (/engine-rest and Cockpit's /camunda/api/engine) show such variables' values, and such
 * step parameters in process XML, as {@value #MASK}.
 */
@Configuration
class SecretMasking {

    static final String MASK = "********";
    /** url is the webhook steps' parameter; the rest are names people give secrets. */
    static final Pattern SECRET_NAME = Pattern.compile("url|.*(secret|token|password|apikey|api_key).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(<camunda:inputParameter name=\"(?:url|[^\"]*(?:secret|token|password|apikey|api_key)[^\"]*)\">)([^<]*)(</camunda:inputParameter>)",
            Pattern.CASE_INSENSITIVE);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> secretMaskingFilter(ObjectMapper json, IdentityService identity,
            ProcessEngine engine) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Filter(json, identity, engine.getName()));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        return registration;
    }

    static class Filter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final IdentityService identity;
        private final String engineName;

        Filter(ObjectMapper json, IdentityService identity, String engineName) {
            this.json = json;
            this.identity = identity;
            this.engineName = engineName;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String uri = request.getRequestURI();
            boolean shows = uri.contains("variable") || uri.contains("/history/detail") || uri.endsWith("/xml")
                    || uri.endsWith("/data");
            return !shows || !("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String user = user(request);
            if (user == null || seesSecrets(user)) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            byte[] body = wrapper.getContentAsByteArray();
            String type = wrapper.getContentType() == null ? "" : wrapper.getContentType();
            if (wrapper.getStatus() == 200 && body.length > 0) {
                byte[] masked = type.contains("json") ? maskJson(body, singleSecret(request.getRequestURI())) : type.contains("xml") || type.contains("octet")
                        ? maskXml(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : body;
                wrapper.resetBuffer();
                wrapper.getOutputStream().write(masked);
            }
            wrapper.copyBodyToResponse();
        }

        private String user(HttpServletRequest request) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated() && request.getRequestURI().contains("/engine-rest/")) {
                return authentication.getName();
            }
            HttpSession session = request.getSession(false);
            var login = session == null ? null : AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
            return login == null ? null : login.getIdentityId();
        }

        private boolean seesSecrets(String user) {
            if (user.startsWith("token:")) {
                return false;
            }
            return identity.createGroupQuery().groupMember(user).list().stream()
                    .anyMatch(g -> g.getId().equals(Roles.ADMIN_GROUP) || g.getId().equals(Roles.ANALYSTS_GROUP));
        }

        /** GET …/variables/{name}: one variable, whose name is only in the path. */
        private static boolean singleSecret(String uri) {
            int slash = uri.lastIndexOf('/');
            return uri.substring(0, Math.max(slash, 0)).endsWith("ariables") && SECRET_NAME.matcher(uri.substring(slash + 1)).matches();
        }

        private byte[] maskJson(byte[] body, boolean singleSecret) throws IOException {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (IOException notJson) {
                return body;
            }
            if (singleSecret && node instanceof ObjectNode variable && variable.has("value")) {
                variable.put("value", MASK);
            }
            mask(node);
            return json.writeValueAsBytes(node);
        }

        private static void mask(JsonNode node) {
            if (node instanceof ArrayNode array) {
                array.forEach(SecretMasking.Filter::mask);
            } else if (node instanceof ObjectNode object) {
                // a variable as a list entry: {"name": "url", "value": …}
                if (object.path("name").isTextual() && object.has("value") && SECRET_NAME.matcher(object.path("name").asText()).matches()) {
                    object.put("value", MASK);
                }
                if (object.path("bpmn20Xml").isTextual()) {
                    object.put("bpmn20Xml", maskXml(object.path("bpmn20Xml").asText()));
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    // variables as a map: {"url": {"value": …, "type": …}}
                    if (field.getValue() instanceof ObjectNode variable && variable.has("value")
                            && SECRET_NAME.matcher(field.getKey()).matches()) {
                        variable.put("value", MASK);
                    } else {
                        mask(field.getValue());
                    }
                }
            }
        }

        static String maskXml(String xml) {
            return SECRET_PARAMETER.matcher(xml).replaceAll("$1" + MASK + "$3");
        }
    }
}
