package io.headprobe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headprobe.http.Header;
import io.vertx.core.http.HttpMethod;

/** What later fetches of a target (its icon, the audit's) inherit from the page's options. */
class ProbeOptionsTest {

    private static final ProbeOptions PAGE = new ProbeOptions(HttpMethod.GET, Duration.ofSeconds(5), true, 5, 8, false,
            true, true, null, List.of(new Header("Authorization", "Bearer s3cret"), new Header("Cookie", "id=1"),
                    new Header("Accept-Language", "de")), null, null, new ProbeOptions.BodyRead(65536, true));

    @Test
    void anIconOnAnotherOriginGetsNoCredentials() {
        assertEquals(List.of("Accept-Language"), PAGE.forIcon(false).headers().stream().map(Header::name).toList());
        assertEquals(3, PAGE.forIcon(true).headers().size());
    }

    @Test
    void laterFetchesHaveWhatIsLeftOfTheTimeout() {
        ProbeOptions later = PAGE.within(System.nanoTime() + Duration.ofMillis(1500).toNanos());
        assertTrue(later.timeout().toMillis() <= 1500 && later.timeout().toMillis() > 1000, later.timeout().toString());
        assertEquals(Duration.ofMillis(1), PAGE.within(System.nanoTime() - 1).timeout(), "at least a millisecond");
    }
}
