package com.podium.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * No dead keys: every key in application.yml is a property some library or one of our @ConfigurationProperties
 * declares (the configuration processor's metadata), so a setting that does nothing cannot hide there.
 */
class ConfigurationKeysTest {

    /** Declared property names and their types, from every metadata file on the class path. */
    private final Map<String, String> declared = declaredProperties();

    @Test
    void everyKeyInApplicationYmlIsDeclared() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        String[] keys = ((EnumerablePropertySource<?>) yaml.get(0)).getPropertyNames();

        assertThat(keys).hasSizeGreaterThan(20).allSatisfy(key -> assertThat(isDeclared(key)).as(key).isTrue());
    }

    @Test
    void ourPropertiesAreDeclared() {
        assertThat(declared).containsKeys("podium.tokens.refresh-margin", "podium.tokens.scheduler.concurrency",
                "podium.tokens.encryption.keys", "trainingpeaks.client-id", "podium.auth.state-ttl",
                "podium.api.cache-ttl", "podium.audit.group-id", "podium.security.machine-token", "podium.security.demo-users", "podium.dashboard.page-budget",
                "podium.dashboard.check-wait",
                "podium.ops.replay-max-events",
                "podium.database.create-if-missing", "podium.settings-check.enabled");
    }

    @Test
    void theKeysRemovedAsDeadAreIndeedUndeclared() {
        // Modulith's JDBC registry and Kafka externalizer are not on the class path: these two did nothing.
        assertThat(isDeclared("spring.modulith.events.jdbc.schema-initialization.enabled")).isFalse();
        assertThat(isDeclared("spring.modulith.events.kafka.enable-json")).isFalse();
    }

    private boolean isDeclared(String key) {
        String name = key.replaceAll("\\[\\d+]$", "");
        return declared.containsKey(name) || declared.entrySet().stream()
            .anyMatch(property -> property.getValue().startsWith("java.util.Map")
                    && name.startsWith(property.getKey() + "."));
    }

    private static Map<String, String> declaredProperties() {
        Map<String, String> properties = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/*spring-configuration-metadata.json")) {
                try (InputStream in = resource.getInputStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        properties.put(property.path("name").asText(), property.path("type").asText(""));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
