package dev.replyflow.security;

import java.io.IOException;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Lets pages inside the Camunda webapps (Cockpit's Replyflow tab) read /api with the user's webapp login: a GET
 * without an Authorization header, in a session where the user signed in to Cockpit, Tasklist or Admin, runs as
 * that user with the roles HTTP Basic would give. Only reads: the browser sends the session cookie with any
 * cross-site form too, so a write still needs Basic credentials (our API has no CSRF token of its own).
 */
class CamundaWebappSessionAuthentication extends OncePerRequestFilter {

    private final CamundaUserAuthorities authorities;
    private final String engineName;

    CamundaWebappSessionAuthentication(CamundaUserAuthorities authorities, String engineName) {
        this.authorities = authorities;
        this.engineName = engineName;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.GET.matches(request.getMethod())
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = webappUser(request.getSession(false));
        if (user != null) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities.of(user)));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** The user signed in to the webapps in this session for our engine, or null. */
    private String webappUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        var login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
        return login == null ? null : login.getIdentityId();
    }
}
