package com.podium.connect.security;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podium.connect.token.TrainingPeaksProperties;

/**
 * Every route's rule, in three chains.
 * <ul>
 * <li><b>Programs</b> ({@code /api/**}, {@code /ops/**}, {@code /actuator/**}): role {@code OPS}, from a signed-in
 * operator's session or a machine's bearer token; answers 401/403 as problem details. Health stays open for
 * probes.</li>
 * <li><b>Swagger UI</b> ({@code /swagger-ui.html}, {@code /swagger-ui/**}): open, the pages' headers with the one
 * relaxation its bundle needs.</li>
 * <li><b>Pages</b> (everything else): signed-in people only, by role; CSRF on every form; strict security headers.
 * Anonymous browsers are sent to the sign-in page, a missing role gets a friendly 403 page.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for the one-shot commands
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain programs(HttpSecurity http, SecuritySettings settings, ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.securityMatcher("/api/**", "/ops/**", "/actuator/**")
            .authorizeHttpRequests(routes -> routes
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().hasRole(Roles.OPS.name()))
            // Only a session (a signed-in operator's browser) can be ridden cross-site; bearer and sessionless
            // requests carry their own proof, so they skip CSRF and get a 401 when it is missing or wrong.
            .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getSession(false) == null))
            .oauth2ResourceServer(bearer -> bearer
                .opaqueToken(opaque -> opaque.introspector(new MachineTokens(settings.machineToken())))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /**
     * Swagger UI (springdoc), open like the API description it shows: the pages' policy except that its bundle's own
     * inline {@code <style>} may apply (blocked under {@code style-src 'self'}; scripts stay {@code 'self'} only). Its
     * pages render no user input.
     */
    @Bean
    @Order(2)
    SecurityFilterChain swaggerUi(HttpSecurity http, TrainingPeaksProperties trainingPeaks) throws Exception {
        http.securityMatcher("/swagger-ui.html", "/swagger-ui/**")
            .authorizeHttpRequests(routes -> routes.anyRequest().permitAll())
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                        contentSecurityPolicy(trainingPeaks.authBase(), "'self' 'unsafe-inline'")))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pages(HttpSecurity http, SecuritySettings settings, TrainingPeaksProperties trainingPeaks,
            ObjectProvider<ClientRegistrationRepository> identityProvider,
            @Qualifier("athleteAccess") AuthorizationManager<RequestAuthorizationContext> athleteAccess,
            ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        RequestMatcher programsAsking = jsonClients();
        http.authorizeHttpRequests(routes -> routes
                .requestMatchers("/signin", "/css/**", "/img/**", "/favicon.ico", "/error", "/error/**").permitAll()
                // The API's and the events' descriptions are no data: open, like the health check.
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/contracts/**").permitAll()
                .requestMatchers("/connect", "/connect/**").hasAnyRole(Roles.ATHLETE.name(), Roles.COACH.name())
                .requestMatchers("/dashboard").hasRole(Roles.ATHLETE.name())
                .requestMatchers("/dashboard/{athleteId}", "/dashboard/{athleteId}/**").access(athleteAccess)
                .requestMatchers("/coach", "/coach/**").hasRole(Roles.COACH.name())
                .requestMatchers("/operations").hasRole(Roles.OPS.name())
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin").defaultSuccessUrl("/home")
                .failureUrl("/signin?error"))
            .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
            .exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor(problems, programsAsking)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                        AnyRequestMatcher.INSTANCE)
                .defaultAccessDeniedHandlerFor(problems, programsAsking)
                // sendError(403): Boot's error view, templates/error/403.html
                .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(trainingPeaks.authBase())))
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (identityProvider.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/signin").defaultSuccessUrl("/home").failureUrl("/signin?error")
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new PodiumOidcUsers(settings.rolesClaim()))));
        }
        return http.build();
    }

    /**
     * Everything from our own origin, nothing inline (pages have no script, charts are SVG with classes), no
     * framing. Forms may also lead to TrainingPeaks: "Connect" answers with a redirect to its authorize page.
     */
    static String contentSecurityPolicy(URI trainingPeaksAuthBase) {
        return contentSecurityPolicy(trainingPeaksAuthBase, "'self'");
    }

    private static String contentSecurityPolicy(URI trainingPeaksAuthBase, String styleSources) {
        String trainingPeaks = trainingPeaksAuthBase.getScheme() + "://" + trainingPeaksAuthBase.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src " + styleSources
                + "; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                + "form-action 'self' " + trainingPeaks;
    }

    /** A request that asks for JSON and not for a page: gets problem details, not a redirect. */
    private static RequestMatcher jsonClients() {
        MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON);
        json.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return json;
    }

    @Bean
    UserDetailsService demoUsers(SecuritySettings settings) {
        return DemoUsers.create(settings.demoUsers());
    }

    /** The signed-in person's time zone, for every page. */
    @Bean
    LocaleResolver localeResolver() {
        return new UserTimeZones();
    }
}
