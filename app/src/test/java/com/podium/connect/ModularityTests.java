package com.podium.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries: no cycles, no reaching into another module's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PodiumConnectApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyMavenModuleIsAnApplicationModule() {
        assertThat(modules.stream().map(module -> module.getBasePackage().getName()))
            .contains("com.podium.connect.auth", "com.podium.connect.token");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }

    /** The events are jMolecules domain events, so the module canvases say who publishes and who listens. */
    @Test
    void moduleCanvasesListPublishedAndListenedToEvents() throws Exception {
        Documenter documenter = new Documenter(modules);
        documenter.writeModuleCanvases();
        Path docs = Path.of("target", "spring-modulith-docs"); // the Documenter's default under Maven

        String token = Files.readString(docs.resolve("module-token.adoc"));
        assertThat(section(token, "Published events")).contains("TokenRefreshed", "TokenRefreshFailed", "TokenRevoked");
        assertThat(section(Files.readString(docs.resolve("module-auth.adoc")), "Published events"))
            .contains("AuthorizationCompleted");
        assertThat(section(Files.readString(docs.resolve("module-auth.adoc")), "Events listened to"))
            .contains("TokenRevoked");
    }

    /** The canvas row with this title (an AsciiDoc table row up to the next title cell). */
    private static String section(String canvas, String title) {
        int start = canvas.indexOf("|" + title);
        assertThat(start).as("canvas row '%s' in%n%s", title, canvas).isNotNegative();
        int end = canvas.indexOf("\n|", canvas.indexOf("\n", start) + 1);
        return canvas.substring(start, end < 0 ? canvas.length() : end);
    }
}
