package dev.replyflow.security.tokens;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token with replies:correlate reaches the engine only through POST /engine-rest/message, and only for the message
 * customer-reply: any other message name (a customer-message trigger, say) would start or move automations the
 * scope does not cover. The engine runs the call without a user (tokens are no Camunda users), so this check is the
 * whole authorization of it.
 */
public class TokenCorrelationGuard extends OncePerRequestFilter {

    static final String CUSTOMER_REPLY = "customer-reply";
    private static final int MAX_BODY = 256 * 1024;

    private final ObjectMapper json;

    public TokenCorrelationGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication)
                || !request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        String messageName = null;
        if (body.length <= MAX_BODY) {
            try {
                JsonNode node = json.readTree(body);
                messageName = node == null ? null : node.path("messageName").asText(null);
            } catch (IOException malformed) {
                // refused below
            }
        }
        if (!CUSTOMER_REPLY.equals(messageName)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not allowed\",\"status\":403,\"detail\":"
                    + "\"An API token correlates only the message customer-reply\",\"field\":\"messageName\"}");
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /** The request with its body already read, for the engine's REST API to read again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
