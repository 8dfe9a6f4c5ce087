package dev.replyflow.security.analysts;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A refused deployment (400 from POST /engine-rest/deployment/create) answered as application/problem+json like the
 * rest of the API: Camunda's own members (type, message, details with each element's errors, which the web
 * modeler reads) stay, title, status and detail are added.
 */
@Configuration
class DeploymentProblems {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> deploymentProblemsFilter(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(json));
        registration.addUrlPatterns("/engine-rest/deployment/create");
        return registration;
    }

    static class Filter extends OncePerRequestFilter {

        private final ObjectMapper json;

        Filter(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            if (wrapper.getStatus() == 400 && wrapper.getContentSize() > 0) {
                JsonNode body = readObject(wrapper.getContentAsByteArray());
                if (body instanceof ObjectNode problem) {
                    problem.put("title", "Deployment refused");
                    problem.put("status", 400);
                    problem.put("detail", problem.path("message").asText("The deployment was refused"));
                    wrapper.resetBuffer();
                    wrapper.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    wrapper.getOutputStream().write(json.writeValueAsBytes(problem));
                }
            }
            wrapper.copyBodyToResponse();
        }

        private JsonNode readObject(byte[] body) {
            try {
                return json.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }
    }
}
