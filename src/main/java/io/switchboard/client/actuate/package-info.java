/**
 * The {@code clients} actuator endpoint.
 */
@NullMarked
package io.switchboard.client.actuate;

import org.jspecify.annotations.NullMarked;
