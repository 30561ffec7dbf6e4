/**
 * The {@code clients} and {@code rooms} actuator endpoints, their security and the
 * operations page.
 */
@NullMarked
package io.switchboard.admin;

import org.jspecify.annotations.NullMarked;
