package dev.replyflow.automation.integrations;

import java.io.IOException;

import dev.replyflow.support.StubHttpServer;

/**
 * The stand-in for ActiveCampaign, Emailchef and PayPal: the shared stub as it is, answering per "METHOD /path"
 * (404 otherwise); the tests set each service's answers themselves.
 */
class StubServer extends StubHttpServer {

    StubServer() throws IOException {
    }
}
