package com.podium.trainingpeaks.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users created by approvals; ids start at 1001 like in the docs, and login_hint lets a test come back as the same
 * user. A coach comes with a roster of three athletes (two premium, one basic), so the coach routes have data.
 */
final class Athletes {

    static final long FIRST_ID = 1001;
    static final int ROSTER_SIZE = 3;
    private static final String[][] NAMES = {
            {"Ada", "Lovelace"}, {"Grace", "Hopper"}, {"Katherine", "Johnson"}, {"Margaret", "Hamilton"}, {"Alan", "Turing"}};
    private static final String[][] ROSTER_NAMES = {{"Mary", "Somerville"}, {"Emmy", "Noether"}, {"Sophie", "Germain"}};
    private static final String[] TIME_ZONES = {"Europe/London", "America/Denver", "Australia/Sydney"};

    private final Map<Long, Athlete> byId = new LinkedHashMap<>();
    private final Map<String, Athlete> byLoginHint = new HashMap<>();
    private long nextId = FIRST_ID;

    /** A new user per approval, unless the login hint names one seen before. */
    synchronized Athlete approve(String loginHint, boolean coach, boolean premium) {
        if (loginHint != null && !loginHint.isBlank() && byLoginHint.containsKey(loginHint)) {
            return byLoginHint.get(loginHint);
        }
        long id = nextId++;
        String[] name = NAMES[(int) ((id - FIRST_ID) % NAMES.length)];
        Athlete user = add(new Athlete(id, name[0], name[1], "athlete" + id + "@example.test", "Europe/London",
                premium || coach, coach, null));
        if (coach) {
            for (int i = 0; i < ROSTER_SIZE; i++) {
                long athleteId = nextId++;
                add(new Athlete(athleteId, ROSTER_NAMES[i][0], ROSTER_NAMES[i][1], "athlete" + athleteId + "@example.test",
                        TIME_ZONES[i], i != 1, false, id)); // the second one is a basic athlete
            }
        }
        if (loginHint != null && !loginHint.isBlank()) {
            byLoginHint.put(loginHint, user);
        }
        return user;
    }

    private Athlete add(Athlete athlete) {
        byId.put(athlete.id(), athlete);
        return athlete;
    }

    synchronized Optional<Athlete> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The athletes the coach coaches (CoachedBy), in id order. */
    synchronized List<Athlete> rosterOf(long coachId) {
        return byId.values().stream().filter(a -> a.coachedBy() != null && a.coachedBy() == coachId).toList();
    }

    synchronized List<Athlete> all() {
        return new ArrayList<>(byId.values());
    }
}
