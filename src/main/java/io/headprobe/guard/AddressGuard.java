package io.headprobe.guard;

import java.net.InetAddress;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The configured {@link AddressPolicy}, as a bean. */
@ApplicationScoped
public class AddressGuard {

    private final AddressPolicy policy;

    @Inject
    public AddressGuard(GuardConfig config) {
        this.policy = new AddressPolicy(config.allow().orElse(List.of()).stream().map(Cidr::parse).toList());
    }

    public boolean allows(InetAddress address) {
        return policy.allows(address);
    }
}
