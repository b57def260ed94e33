package com.podium.connect.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.podium.connect.auth.AccountIds;

/**
 * A person signed in with the Podium Dashboard's identity provider: the claim named by the provider's
 * {@code user-name-attribute} is their Podium account id, and the {@code podium.security.roles-claim} claim lists
 * their roles. Someone without a valid account id or without any of our roles is not let in.
 */
final class PodiumOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(PodiumOidcUsers.class);

    private final OidcUserService delegate = new OidcUserService();
    private final String rolesClaim;

    PodiumOidcUsers(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        if (!AccountIds.isValid(user.getName())) {
            log.warn("oidc_sign_in_refused reason=invalid_account_id registration={}",
                    request.getClientRegistration().getRegistrationId());
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_account", AccountIds.RULE, null));
        }
        Set<Roles> roles = roles(user.getClaim(rolesClaim));
        if (roles.isEmpty()) {
            log.warn("oidc_sign_in_refused reason=no_role account={}", user.getName());
            throw new OAuth2AuthenticationException(new OAuth2Error("no_role",
                    "This account has none of the roles athlete, coach or ops.", null));
        }
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.addAll(Roles.authorities(roles));
        String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
            .getUserNameAttributeName();
        return nameAttribute == null || nameAttribute.isBlank()
                ? new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo())
                : new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameAttribute);
    }

    /** The claim may be a list ({@code ["coach"]}) or one space- or comma-separated string. */
    static Set<Roles> roles(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? List.of(text.split("[\\s,]+")) : List.of();
        return values.stream().map(String::valueOf).map(Roles::parse).flatMap(java.util.Optional::stream)
            .collect(Collectors.toSet());
    }
}
