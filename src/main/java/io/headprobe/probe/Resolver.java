package io.headprobe.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.headprobe.guard.TargetUrl;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Resolves host names with Vert.x's own non-blocking resolver (hosts file, then the configured
 * DNS servers, see quarkus.vertx.resolver.*). The JDK's InetAddress lookup would block a thread.
 */
@ApplicationScoped
class Resolver {

    @Inject
    Vertx vertx;

    Uni<List<InetAddress>> resolve(TargetUrl url) {
        if (url.literal().isPresent()) {
            return Uni.createFrom().item(List.of(url.literal().get()));
        }
        // Vert.x 4 exposes resolve-all only on its internal API.
        return Uni.createFrom().emitter(emitter -> ((VertxInternal) vertx).addressResolver()
                .resolveHostnameAll(url.host(), result -> {
                    if (result.failed()) {
                        emitter.fail(result.cause());
                    } else if (result.result().isEmpty()) {
                        emitter.fail(new UnknownHostException(url.host()));
                    } else {
                        emitter.complete(result.result().stream().map(InetSocketAddress::getAddress).toList());
                    }
                }));
    }
}
