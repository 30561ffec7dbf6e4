/**
 * Token authentication ({@code switchboard.auth.mode=token}): JWTs checked with Spring
 * Security's {@code NimbusJwtDecoder}, turned into the hub's {@code Identity}.
 */
@NullMarked
package io.switchboard.auth;

import org.jspecify.annotations.NullMarked;
