package com.podium.connect.apiclient;

/** A date range TrainingPeaks would refuse: missing ends, reversed, or longer than {@value DateRange#MAX_DAYS} days. */
public class InvalidDateRangeException extends IllegalArgumentException {

    public InvalidDateRangeException(String message) {
        super(message);
    }
}
