package io.headprobe.access;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service as it would face the internet: API keys, tight per-client limits. /wget is on by
 * default; this profile also tries its switch.
 */
public class ExposedProfile implements QuarkusTestProfile {

    static final String KEY_A = "test-key-a-3f9c1d";
    static final String KEY_B = "test-key-b-77e0aa";
    static final String KEY_C = "test-key-c-51b2c8";
    static final String KEY_D = "test-key-d-9a04e2";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "headprobe.auth.api-keys", String.join(",", KEY_A, KEY_B, KEY_C, KEY_D),
                "headprobe.limit.enabled", "true",
                "headprobe.limit.targets-per-minute", "60",
                "headprobe.limit.burst", "3",
                "headprobe.limit.concurrent-requests", "1",
                "headprobe.wget.enabled", "false");
    }
}
