package com.podium.connect.security;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The local demo's user store: an athlete, a coach and an operator, all with the password {@value #PASSWORD},
 * listed on the sign-in page. Off unless {@code podium.security.demo-users=true}; then it is empty.
 */
final class DemoUsers implements UserDetailsService {

    static final String PASSWORD = "demo";

    /** What the sign-in page shows about each demo user. */
    record DemoUser(String accountId, Roles role, String displayName, String zone, String description) {
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("athlete", Roles.ATHLETE, "Ada Athlete", "Europe/London",
                    "sees and connects her own TrainingPeaks"),
            new DemoUser("coach", Roles.COACH, "Carl Coach", "Europe/Berlin",
                    "sees the athletes of his TrainingPeaks roster"),
            new DemoUser("ops", Roles.OPS, "Olga Operator", "UTC", "reads the audit log, runs replays"));

    private final List<PodiumUser> users;

    private DemoUsers(List<PodiumUser> users) {
        this.users = users;
    }

    static DemoUsers create(boolean enabled) {
        if (!enabled) {
            return new DemoUsers(List.of());
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = encoder.encode(PASSWORD);
        return new DemoUsers(ALL.stream().map(user -> new PodiumUser(user.accountId(), password, user.role(),
                user.displayName(), ZoneId.of(user.zone()))).toList());
    }

    boolean enabled() {
        return !users.isEmpty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Optional<PodiumUser> user = users.stream().filter(u -> u.getUsername().equals(username)).findFirst();
        // A copy: Spring Security erases the credentials of the instance it authenticated.
        return user.map(u -> new PodiumUser(u.getUsername(), u.getPassword(), u.role(), u.displayName(), u.zone()))
            .orElseThrow(() -> new UsernameNotFoundException("no such demo user"));
    }
}
