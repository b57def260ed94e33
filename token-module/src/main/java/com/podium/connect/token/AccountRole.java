package com.podium.connect.token;

/** Whose tokens: an athlete's own, or a coach's (which can list the coach's athletes). */
public enum AccountRole {
    ATHLETE, COACH
}
