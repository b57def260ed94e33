/**
 * Who may see and do what. People sign in with OpenID Connect against the Podium Dashboard's identity provider (or,
 * in the local demo, as built-in demo users); the principal's name is their Podium account id. Machines send a
 * bearer token. Every route's rule is in {@link com.podium.connect.security.SecurityConfiguration}.
 */
package com.podium.connect.security;
