package io.headprobe.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The seed's generator consumer: takes one item at a time, says so, and answers "200 OK". */
@ApplicationScoped
class Consumer {

    record Reply(String said, String result) {
    }

    Uni<Reply> consume(int item) {
        return Uni.createFrom().item(() -> new Reply("[CONSUMER] Consuming " + item + "...", "200 OK"));
    }
}
