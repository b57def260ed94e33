package com.podium.connect.ops;

/** A replay request that cannot be run as given; the message says what to change. */
public class InvalidReplayRequestException extends IllegalArgumentException {

    public InvalidReplayRequestException(String message) {
        super(message);
    }
}
