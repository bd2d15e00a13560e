package io.headprobe.tls;

import java.util.List;

/** The key exchange groups a scan asks about, by their TLS Supported Groups registry code and name, in code order. */
final class NamedGroups {

    record Group(int code, String name, boolean elliptic) {
    }

    static final List<Group> ALL = List.of(
            new Group(0x0017, "secp256r1", true),
            new Group(0x0018, "secp384r1", true),
            new Group(0x0019, "secp521r1", true),
            new Group(0x001D, "x25519", true),
            new Group(0x001E, "x448", true),
            new Group(0x0100, "ffdhe2048", false),
            new Group(0x0101, "ffdhe3072", false),
            new Group(0x0102, "ffdhe4096", false),
            new Group(0x0103, "ffdhe6144", false),
            new Group(0x0104, "ffdhe8192", false),
            new Group(0x11EC, "X25519MLKEM768", false));

    /** What a TLS 1.2 hello may name: the hybrid post-quantum group is TLS 1.3 only. */
    static final List<Integer> TLS12_CODES = ALL.stream().filter(group -> group.code() != 0x11EC).map(Group::code).toList();
    static final List<Integer> CODES = ALL.stream().map(Group::code).toList();

    private NamedGroups() {
    }
}
