package io.headprobe.wget;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;

/**
 * One reactive REST client for every target: the URL is given per call, and names the checked
 * address rather than the host, so the client never resolves a name itself; the host travels in
 * the Host header.
 */
@RegisterRestClient(configKey = "wget")
@RegisterProvider(HeadOnly.class)
public interface HeaderClient {

    @GET
    Uni<RestResponse<InputStream>> get(@Url String url, @HeaderParam("Host") String host);
}
