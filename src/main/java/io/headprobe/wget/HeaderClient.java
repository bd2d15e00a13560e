package io.headprobe.wget;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * One reactive REST client for every target: the URL is given per call, and names the checked
 * address rather than the host, so the client never resolves a name itself; the host travels in
 * the Host header.
 */
@RegisterRestClient(configKey = "wget")
public interface HeaderClient {

    @GET
    Uni<Response> get(@Url String url, @HeaderParam("Host") String host);
}
