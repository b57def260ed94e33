package com.podium.connect.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the identity provider's roles claim becomes our roles: list or string, any case, unknown roles ignored. */
class PodiumOidcUsersTest {

    @Test
    void rolesComeFromAListOrAString() {
        assertThat(PodiumOidcUsers.roles(List.of("coach", "ROLE_OPS", "admin"))).containsExactlyInAnyOrder(Roles.COACH,
                Roles.OPS);
        assertThat(PodiumOidcUsers.roles("athlete, Coach")).containsExactlyInAnyOrder(Roles.ATHLETE, Roles.COACH);
        assertThat(PodiumOidcUsers.roles("athlete ops")).containsExactlyInAnyOrder(Roles.ATHLETE, Roles.OPS);
    }

    @Test
    void noClaimOrNoKnownRoleIsNoRole() {
        assertThat(PodiumOidcUsers.roles(null)).isEmpty();
        assertThat(PodiumOidcUsers.roles(List.of("admin", "viewer"))).isEmpty();
        assertThat(PodiumOidcUsers.roles(42)).isEmpty();
    }

    @Test
    void machineTokensAreComparedByValue() {
        assertThat(MachineTokens.sameSecret("s3cret", "s3cret")).isTrue();
        assertThat(MachineTokens.sameSecret("s3cret", "s3cre")).isFalse();
        assertThat(MachineTokens.sameSecret("", "s3cret")).isFalse();
    }
}
