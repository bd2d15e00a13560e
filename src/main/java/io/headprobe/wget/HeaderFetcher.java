package io.headprobe.wget;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** Fetches the response head of one URL through the reactive REST client, bounded by a timeout. */
@ApplicationScoped
public class HeaderFetcher {

    @Inject
    @RestClient
    HeaderClient client;

    public Uni<ResponseHead> fetch(URI url, Duration timeout) {
        return client.get(url.toString())
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no response within " + timeout.toMillis() + " ms"))
                .onItem().transform(ResponseHead::of);
    }
}
