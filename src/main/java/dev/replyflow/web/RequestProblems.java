package dev.replyflow.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The errors no controller of ours sees (404 for an unknown path, 405, 415 when no handler matched) as
 * application/problem+json too: {@link ApiExceptionHandler} applies to our controllers only, and without this the
 * servlet container's error page answered them as plain JSON.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestProblems extends ResponseEntityExceptionHandler {
}
