package com.podium.connect;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description of the JSON APIs (springdoc: {@code /v3/api-docs}, {@code /swagger-ui.html}). The HTML
 * pages (connect, dashboard) are for browsers and stay out of it ({@code springdoc.paths-to-match}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String OPS_TOKEN = "opsToken";

    @Bean
    OpenAPI podiumConnectOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Podium Connect")
                .description("Audit log of token events and the ops replay. Token events themselves are on Kafka:"
                        + " see /contracts/asyncapi.yaml.")
                .version("v1"))
            .components(new Components().addSecuritySchemes(OPS_TOKEN, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("PODIUM_OPS_TOKEN; without it set, /ops/** answers 503")));
    }

    /** Every {@code /ops/**} operation needs the ops bearer token. */
    @Bean
    OpenApiCustomizer opsNeedTheOpsToken() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/ops/")) {
                item.readOperations().forEach(operation -> operation.addSecurityItem(
                        new SecurityRequirement().addList(OPS_TOKEN)));
            }
        });
    }
}
