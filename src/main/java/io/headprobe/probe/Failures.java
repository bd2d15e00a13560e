package io.headprobe.probe;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.headprobe.guard.TargetUrl.InvalidTargetException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.NotSslRecordException;

/** Turns whatever went wrong with one target into an error code and a message for the caller. */
final class Failures {

    /** The address a target resolved to is not one HeadProbe may connect to. */
    static final class BlockedAddressException extends RuntimeException {
        BlockedAddressException(String message) {
            super(message, null, false, false);
        }
    }

    static final class TooManyRedirectsException extends RuntimeException {
        TooManyRedirectsException(String message) {
            super(message, null, false, false);
        }
    }

    private Failures() {
    }

    static ProbeResult.Error classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            ProbeResult.Error error = known(cause);
            if (error != null) {
                return error;
            }
        }
        return new ProbeResult.Error(ErrorCode.PROTOCOL_ERROR, describe(failure));
    }

    private static ProbeResult.Error known(Throwable cause) {
        if (cause instanceof InvalidTargetException) {
            return new ProbeResult.Error(ErrorCode.INVALID_TARGET, cause.getMessage());
        }
        if (cause instanceof BlockedAddressException) {
            return new ProbeResult.Error(ErrorCode.BLOCKED_ADDRESS, cause.getMessage());
        }
        if (cause instanceof TooManyRedirectsException) {
            return new ProbeResult.Error(ErrorCode.TOO_MANY_REDIRECTS, cause.getMessage());
        }
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return new ProbeResult.Error(ErrorCode.TIMEOUT, cause.getMessage());
        }
        if (cause instanceof Resolver.NoSuchNameException) {
            return new ProbeResult.Error(ErrorCode.DNS_NXDOMAIN, "could not resolve " + cause.getMessage());
        }
        if (cause instanceof UnknownHostException) {
            return new ProbeResult.Error(ErrorCode.DNS_FAILURE, "could not resolve " + cause.getMessage());
        }
        if (cause instanceof ConnectException) {
            return new ProbeResult.Error(ErrorCode.CONNECT_FAILED, cause.getMessage());
        }
        if (cause instanceof HeadFetcher.TlsVerificationException) {
            return new ProbeResult.Error(ErrorCode.TLS_FAILURE, cause.getMessage());
        }
        if (cause instanceof SSLException || cause instanceof NotSslRecordException) {
            return new ProbeResult.Error(ErrorCode.TLS_FAILURE, describe(cause));
        }
        if (cause instanceof TooLongFrameException || cause instanceof Http2Exception.HeaderListSizeException) {
            return new ProbeResult.Error(ErrorCode.HEADERS_TOO_LARGE, describe(cause));
        }
        if (cause instanceof HeadFetcher.ClosedEarlyException) {
            return new ProbeResult.Error(ErrorCode.PROTOCOL_ERROR, cause.getMessage());
        }
        return null;
    }

    /** What the TLS handshake showed, when a certificate failed verification; else null. */
    static TlsInfo tls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HeadFetcher.TlsVerificationException verification) {
                return verification.tls;
            }
        }
        return null;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
