package io.headprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code --path}: each target at each path, joined as httpx's -path joins them. */
class TargetSourceTest {

    @Test
    void aPathGoesAfterTheTargetsOwnPathWithOneSlashBetween() {
        assertEquals("https://example.org/admin", TargetSource.atPath("https://example.org", "/admin"));
        assertEquals("https://example.org/admin", TargetSource.atPath("https://example.org/", "/admin"));
        assertEquals("https://example.org/admin", TargetSource.atPath("https://example.org/", "admin"));
        assertEquals("https://example.org/app/admin", TargetSource.atPath("https://example.org/app", "/admin"));
        assertEquals("https://example.org/app/admin/", TargetSource.atPath("https://example.org/app/", "/admin/"));
        assertEquals("https://example.org/", TargetSource.atPath("https://example.org", "/"));
        assertEquals("example.org:8443/admin", TargetSource.atPath("  example.org:8443 ", "/admin"),
                "no scheme: https:// comes later, as for any target");
        assertEquals("http://[::1]:8080/x", TargetSource.atPath("http://[::1]:8080", "/x"));
    }

    @Test
    void theTargetsQueryComesFirstThePathsAfterAndAFragmentIsDropped() {
        assertEquals("https://example.org/admin?lang=de", TargetSource.atPath("https://example.org?lang=de", "/admin"));
        assertEquals("https://example.org/app/search?lang=de&q=1",
                TargetSource.atPath("https://example.org/app/?lang=de#top", "/search?q=1"));
        assertEquals("https://example.org/a?q=1", TargetSource.atPath("https://example.org#x", "/a?q=1#frag"));
    }

    @Test
    void eachTargetIsHandedOutAtEachPathInTheOrderGiven() {
        TargetSource source = TargetSource.open(List.of("a.example", "http://b.example/app"), null,
                List.of("/login", "/.git/config"), true);
        List<String> targets = new ArrayList<>();
        source.forEachRemaining(targets::add);
        assertEquals(List.of("a.example/login", "a.example/.git/config", "http://b.example/app/login",
                "http://b.example/app/.git/config"), targets);
        assertEquals(4, source.read(), "the progress counts each target at each path");
        assertFalse(source.hasNext());
    }

    @Test
    void withoutPathsEachTargetIsHandedOutAsGiven() {
        TargetSource source = TargetSource.open(List.of("a.example/x?y", "b.example"), null, List.of(), true);
        List<String> targets = new ArrayList<>();
        source.forEachRemaining(targets::add);
        assertEquals(List.of("a.example/x?y", "b.example"), targets);
    }
}
