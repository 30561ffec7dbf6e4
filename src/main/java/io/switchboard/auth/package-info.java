/**
 * Who signs in: token authentication ({@code switchboard.auth.mode=token}, JWTs checked
 * with Spring Security's {@code NimbusJwtDecoder} and turned into the core's
 * {@code Identity}) and the admin's HTTP credentials ({@code switchboard.admin.*}), which
 * the actuator endpoints and the publish API both accept.
 */
@NullMarked
package io.switchboard.auth;

import org.jspecify.annotations.NullMarked;
