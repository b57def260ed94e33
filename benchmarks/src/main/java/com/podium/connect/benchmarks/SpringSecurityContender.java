package com.podium.connect.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import com.podium.connect.token.TokenGrant;
import com.podium.trainingpeaks.standin.TrainingPeaksStandIn;

/**
 * The contender: what a Spring user would pick to keep TrainingPeaks tokens fresh outside a web request —
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} over {@link JdbcOAuth2AuthorizedClientService}, with
 * the refresh-token provider and Spring Security's defaults otherwise (60 s clock skew, default token response
 * client, failure handler that removes a client whose grant was rejected). Same database, same stand-in, same
 * client authentication (credentials in the form body, as TrainingPeaks documents) as the token module.
 */
final class SpringSecurityContender {

    static final String REGISTRATION_ID = "trainingpeaks";

    private final ClientRegistration registration;
    private final JdbcOAuth2AuthorizedClientService service;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

    SpringSecurityContender(DataSource dataSource, TrainingPeaksStandIn standIn) {
        registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
            .clientId(TrainingPeaksStandIn.DEFAULT_CLIENT_ID)
            .clientSecret(TrainingPeaksStandIn.DEFAULT_CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri(PodiumInstances.REDIRECT_URI)
            .scope(PodiumInstances.SCOPE.split(" "))
            .authorizationUri(standIn.baseUri() + "/OAuth/Authorize")
            .tokenUri(standIn.baseUri() + "/oauth/token")
            .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        service = new JdbcOAuth2AuthorizedClientService(jdbc, registrations);
        manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, service);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().refreshToken().build());
    }

    /** Creates Spring Security's own table (its published PostgreSQL schema) if it is not there yet. */
    static void createSchema(DataSource dataSource) {
        try {
            String ddl = new ClassPathResource("org/springframework/security/oauth2/client/oauth2-client-schema-postgres.sql")
                .getContentAsString(StandardCharsets.UTF_8);
            new JdbcTemplate(dataSource).execute(ddl.replace("CREATE TABLE oauth2_authorized_client",
                    "CREATE TABLE IF NOT EXISTS oauth2_authorized_client"));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void save(String principal, TokenGrant grant) {
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, grant.accessToken(),
                grant.issuedAt(), grant.expiresAt(), java.util.Set.of(grant.scope().split(" ")));
        OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(registration, principal, access,
                new OAuth2RefreshToken(grant.refreshToken(), grant.issuedAt()));
        service.saveAuthorizedClient(client, UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    }

    /** The access token Spring Security hands out, refreshing when it is due; null when it has no client. */
    String accessToken(String principal) {
        OAuth2AuthorizedClient client = manager
            .authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID).principal(principal).build());
        return client == null ? null : client.getAccessToken().getTokenValue();
    }

    /** The refresh token stored now, or null when the stored grant is gone. */
    String storedRefreshToken(String principal) {
        OAuth2AuthorizedClient client = service.loadAuthorizedClient(REGISTRATION_ID, principal);
        return client == null || client.getRefreshToken() == null ? null : client.getRefreshToken().getTokenValue();
    }
}
