/**
 * The {@code clients} and {@code rooms} actuator endpoints, their security and the
 * operations page.
 */
@NullMarked
package io.switchboard.client.actuate;

import org.jspecify.annotations.NullMarked;
