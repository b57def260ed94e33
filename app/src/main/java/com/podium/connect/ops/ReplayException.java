package com.podium.connect.ops;

/** A replay that could not complete: Kafka unreachable, the read did not finish in time, a send failed. */
public class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
