package dev.replyflow.security.login;

import java.io.IOException;
import java.util.Optional;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Camunda webapps' login form (POST /camunda/api/admin/auth/user/{engine}/login/{app}) goes through the same
 * per-address throttle as HTTP Basic: with Camunda's own lock-out off, nothing else would slow down guessing there.
 */
@Configuration
class WebappLoginThrottle {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappLoginThrottleFilter(LoginThrottle throttle) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(throttle));
        registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
        return registration;
    }

    static class Filter extends OncePerRequestFilter {

        private final LoginThrottle throttle;

        Filter(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String user = request.getParameter("username"); // Camunda's resource reads it with @FormParam all the same
            String address = request.getRemoteAddr();
            Optional<java.time.Duration> wait = throttle.wait(address, user);
            if (wait.isPresent()) {
                long seconds = new LoginThrottledException(wait.get()).retryAfterSeconds();
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", String.valueOf(seconds));
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too many failed logins\",\"status\":429,"
                        + "\"detail\":\"Too many failed logins from this address; retry in " + seconds + " s\"}");
                return;
            }
            chain.doFilter(request, response);
            if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                throttle.failed(address, user);
            } else if (response.getStatus() == HttpStatus.OK.value()) {
                throttle.succeeded(address, user);
            }
        }
    }
}
