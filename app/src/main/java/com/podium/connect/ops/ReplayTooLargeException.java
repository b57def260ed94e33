package com.podium.connect.ops;

/** The replay matched more events than {@code podium.ops.replay-max-events}; narrow it. */
public class ReplayTooLargeException extends ReplayException {

    public ReplayTooLargeException(int maxEvents) {
        super("the replay matches more than " + maxEvents + " events: choose one athlete or a later start "
                + "(or raise podium.ops.replay-max-events)");
    }
}
