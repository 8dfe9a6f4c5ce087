package dev.replyflow.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A client that asks before sending a large body (Expect: 100-continue) is invited to send it only once the
 * application reads it: a delivery or upload refused from its declared length (413) is answered before a byte of its
 * body travels, instead of after inviting megabytes that are then cut off with the connection.
 */
@Component
class ExpectContinue implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }
}
