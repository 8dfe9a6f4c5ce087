package dev.replyflow.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.replyflow.security.login.LoginThrottledException;

import jakarta.servlet.http.HttpServletResponse;

/** 401, 403 and 429 (too many failed logins) as application/problem+json, like every other error of the API. */
class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", throttled.getMessage());
                return;
            }
            // the web modeler signs in with its own form: no browser password dialog for its calls
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Replyflow\", charset=\"UTF-8\"");
            }
            write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Send HTTP Basic credentials of a Replyflow user");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "Not allowed",
                "Your user may not do this; ask an administrator");
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
