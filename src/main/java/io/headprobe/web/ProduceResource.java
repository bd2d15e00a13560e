package io.headprobe.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.headprobe.problem.Params;
import io.smallrye.mutiny.Multi;

/**
 * The seed's coroutine producer/consumer as a Mutiny stream: the producer hands each item to the
 * consumer and waits for its reply before producing the next one.
 *
 * <pre>
 * curl -N 'localhost:8080/produce?n=3'
 * </pre>
 */
@Path("/produce")
public class ProduceResource {

    static final int MAX_ITEMS = 10_000;

    @Inject
    Consumer consumer;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Multi<String> produce(@RestQuery String n) {
        int items = Params.intInRange("n", n, 5, 1, MAX_ITEMS);
        return Multi.createFrom().range(1, items + 1)
                .onItem().transformToMultiAndConcatenate(this::handOver)
                .onItem().transform(line -> line + "\n");
    }

    private Multi<String> handOver(int item) {
        Multi<String> produced = Multi.createFrom().item("[PRODUCER] Producing " + item + "...");
        Multi<String> consumed = consumer.consume(item)
                .onItem().transformToMulti(reply -> Multi.createFrom().items(
                        reply.said(),
                        "[PRODUCER] Consumer return: " + reply.result()));
        return Multi.createBy().concatenating().streams(produced, consumed);
    }
}
