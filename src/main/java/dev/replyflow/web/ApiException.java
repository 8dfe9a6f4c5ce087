package dev.replyflow.web;

import org.springframework.http.HttpStatus;

/**
 * A request Replyflow refuses, answered as application/problem+json. {@code field} names the request
 * field (or CSV column, BPMN element id) at fault, when there is one.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;
    private String code;
    private final java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();

    public ApiException(HttpStatus status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** A stable, machine-readable reason (e.g. outside-service-window): clients and automation steps branch on it. */
    public ApiException withCode(String code) {
        this.code = code;
        return this;
    }

    /** An extra member of the problem response (a shortfall, say), for clients to act on. */
    public ApiException withProperty(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public java.util.Map<String, Object> properties() {
        return properties;
    }

    public String code() {
        return code;
    }

    public static ApiException invalid(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid " + field, detail, field);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found", "No " + what.toLowerCase() + " with id " + id, null);
    }

    public static ApiException conflict(String title, String detail, String field) {
        return new ApiException(HttpStatus.CONFLICT, title, detail, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
