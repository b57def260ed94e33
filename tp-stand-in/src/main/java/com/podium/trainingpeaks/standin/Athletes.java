package com.podium.trainingpeaks.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users created by approvals; ids start at 1001 like in the docs, and login_hint lets a test come back as the same user. */
final class Athletes {

    static final long FIRST_ID = 1001;
    private static final String[][] NAMES = {
            {"Ada", "Lovelace"}, {"Grace", "Hopper"}, {"Katherine", "Johnson"}, {"Margaret", "Hamilton"}, {"Alan", "Turing"}};

    private final Map<Long, Athlete> byId = new LinkedHashMap<>();
    private final Map<String, Athlete> byLoginHint = new HashMap<>();
    private long nextId = FIRST_ID;

    /** A new athlete per approval, unless the login hint names one seen before. */
    synchronized Athlete approve(String loginHint) {
        if (loginHint != null && !loginHint.isBlank() && byLoginHint.containsKey(loginHint)) {
            return byLoginHint.get(loginHint);
        }
        long id = nextId++;
        String[] name = NAMES[(int) ((id - FIRST_ID) % NAMES.length)];
        Athlete athlete = new Athlete(id, name[0], name[1], "athlete" + id + "@example.test", "Europe/London");
        byId.put(id, athlete);
        if (loginHint != null && !loginHint.isBlank()) {
            byLoginHint.put(loginHint, athlete);
        }
        return athlete;
    }

    synchronized Optional<Athlete> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized List<Athlete> all() {
        return new ArrayList<>(byId.values());
    }
}
