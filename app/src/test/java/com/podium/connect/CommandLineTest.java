package com.podium.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A command line the application does not understand never silently starts the whole service. */
class CommandLineTest {

    @Test
    void aSecondJarNameBeforeTheCommandIsUnknown() {
        // What `java -jar app/target/app-*.jar replay` used to expand to when two jars matched.
        assertThat(PodiumConnectApplication.unknownCommand("app/target/app-0.1.0-SNAPSHOT.jar", "replay",
                "--athlete=a-42")).contains("app/target/app-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void theServiceAndBothCommandsAreKnown() {
        assertThat(PodiumConnectApplication.unknownCommand()).isEmpty();
        assertThat(PodiumConnectApplication.unknownCommand("--server.port=0")).isEmpty();
        assertThat(PodiumConnectApplication.unknownCommand("replay", "--athlete=a-42")).isEmpty();
        assertThat(PodiumConnectApplication.unknownCommand("--debug", "re-encrypt-tokens")).isEmpty();
    }
}
