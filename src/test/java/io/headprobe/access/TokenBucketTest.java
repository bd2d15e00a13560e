package io.headprobe.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The bucket on a clock the test moves by hand. */
class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aFullBucketServesItsBurstThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(10, 60, 0);

        assertEquals(0, bucket.take(10, 0));
        assertEquals(SECOND, bucket.take(1, 0), "60 a minute is one a second");
        assertEquals(3 * SECOND, bucket.take(3, 0));
    }

    @Test
    void aRefusedTakeTakesNothing() {
        TokenBucket bucket = new TokenBucket(5, 60, 0);
        assertTrue(bucket.take(6, 0) > 0);
        assertEquals(0, bucket.take(5, 0));
    }

    @Test
    void tokensComeBackWithTimeButNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(4, 120, 0);
        bucket.take(4, 0);

        assertEquals(0, bucket.take(1, SECOND / 2), "120 a minute: one every half second");
        assertFalse(bucket.full(SECOND / 2));
        assertTrue(bucket.full(60 * SECOND));
        assertEquals(0, bucket.take(4, 3600 * SECOND));
        assertTrue(bucket.take(1, 3600 * SECOND) > 0, "an hour idle still gives only the burst");
    }
}
