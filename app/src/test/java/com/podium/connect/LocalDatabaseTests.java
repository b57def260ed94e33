package com.podium.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.podium.testsupport.RealInfrastructure;

/** The first local run creates the missing database itself, on the real local PostgreSQL; remote ones never. */
class LocalDatabaseTests {

    @Test
    void createsAMissingLocalDatabaseOnceAndLeavesAnExistingOneAlone() throws Exception {
        RealInfrastructure.Endpoints infra = RealInfrastructure.endpoints();
        String name = "podium_create_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = infra.jdbcUrl().replaceFirst("/[A-Za-z0-9_]+(\\?.*)?$", "/" + name + "$1");
        assertThat(LocalDatabase.target(url)).as("the test database is local").isPresent();
        try {
            assertThat(LocalDatabase.createIfMissing(url, infra.username(), infra.password())).isTrue();
            try (Connection connection = DriverManager.getConnection(url, infra.username(), infra.password())) {
                assertThat(connection.isValid(2)).isTrue();
            }
            assertThat(LocalDatabase.createIfMissing(url, infra.username(), infra.password())).isFalse();
        }
        finally {
            try (Connection admin = DriverManager.getConnection(LocalDatabase.target(url).orElseThrow().maintenanceUrl(),
                    infra.username(), infra.password())) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        }
    }

    @Test
    void onlyLocalServersAndPlainNamesAreTargets() {
        assertThat(LocalDatabase.target("jdbc:postgresql://127.0.0.1:5432/podium")).hasValueSatisfying(target -> {
            assertThat(target.database()).isEqualTo("podium");
            assertThat(target.maintenanceUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres");
        });
        assertThat(LocalDatabase.target("jdbc:postgresql://localhost/podium?sslmode=disable"))
            .hasValueSatisfying(target -> assertThat(target.maintenanceUrl())
                .isEqualTo("jdbc:postgresql://localhost/postgres?sslmode=disable"));
        assertThat(LocalDatabase.target("jdbc:postgresql://db.example.org:5432/podium")).isEmpty();
        assertThat(LocalDatabase.target("jdbc:postgresql://127.0.0.1:5432,127.0.0.2:5432/podium")).isEmpty();
        assertThat(LocalDatabase.target("jdbc:postgresql://127.0.0.1:5432/po\"dium")).isEmpty();
    }
}
