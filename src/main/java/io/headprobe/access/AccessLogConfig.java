package io.headprobe.access;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The access log: one line per request. */
@ConfigMapping(prefix = "headprobe.access-log")
public interface AccessLogConfig {

    /** False removes the access log's route handler altogether. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where lines go. {@code stdout}: written to standard output in batches, in the console log's
     * text layout, outside the logging system (one write per batch instead of a log record, a
     * format and a write per request). {@code logger}: through the logging system, category
     * {@code io.headprobe.access}, so log handlers, formats and files apply. JSON console logs
     * always use the logger, whatever this says.
     */
    @WithDefault("stdout")
    Output output();

    /** With output=stdout: the longest a line waits in the batch before it is written. */
    @WithDefault("200ms")
    Duration flushInterval();

    /**
     * With output=stdout: a batch is written when it would grow past this. Up to 4096 (PIPE_BUF)
     * one batch is one atomic write into a pipe, which never interleaves with other log lines.
     */
    @WithDefault("4096")
    int batchBytes();

    /**
     * With output=stdout: lines waiting for the writer thread. When standard output does not keep up
     * and this many wait, further lines are dropped and counted ({@code headprobe_access_log_dropped_total}):
     * requests never wait for the log.
     */
    @WithDefault("65536")
    int queueLines();

    enum Output {
        STDOUT,
        LOGGER
    }
}
