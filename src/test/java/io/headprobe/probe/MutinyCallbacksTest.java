package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The prober's Uni and Multi callbacks run as written: no context propagation decorator wraps
 * them (application.properties removes mutiny-smallrye-context-propagation's service file; a
 * Quarkus upgrade that moves or renames it brings the decorator back, and this fails).
 */
@QuarkusTest
class MutinyCallbacksTest {

    @Test
    void noDecoratorWrapsACallback() {
        Runnable callback = () -> {
        };
        assertSame(callback, Infrastructure.decorate(callback),
                "a Mutiny CallbackDecorator is installed: every callback of the probe pipeline pays for it");
    }
}
