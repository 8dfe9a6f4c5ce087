package dev.replyflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Feature boundaries are a test: each top-level package is a module, its sub-packages are its own unless it names
 * them as an interface (package-info.java), and no two modules depend on each other in a cycle.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ReplyflowApplication.class);

    @Test
    void theFeaturePackagesKeepTheirBoundaries() {
        modules.verify();
    }
}
