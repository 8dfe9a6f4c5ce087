package dev.replyflow.web;

import java.lang.reflect.Type;
import java.math.BigDecimal;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import dev.replyflow.billing.BillingController.TopUpRequest;

/**
 * A top-up above {@link #MAX} is a mistake (1e20 overflowed the wallet's column and answered 409): refused as 400
 * naming amount, before the wallet sees it.
 */
@ControllerAdvice
class TopUpLimit extends RequestBodyAdviceAdapter {

    static final BigDecimal MAX = new BigDecimal("100000");

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == TopUpRequest.class;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof TopUpRequest request && request.amount() != null && request.amount().compareTo(MAX) > 0) {
            throw ApiException.invalid("amount", "A top-up is at most " + MAX.toPlainString());
        }
        return body;
    }
}
