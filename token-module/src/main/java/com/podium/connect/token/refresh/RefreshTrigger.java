package com.podium.connect.token.refresh;

/** Why a refresh is attempted. */
public enum RefreshTrigger {
    /** A read found less than the lead time left. */
    DUE,
    /** The API rejected the access token (HTTP 401): refresh even if it looked valid. */
    REJECTED,
    /** The background refresher claimed it. */
    SCHEDULED
}
