/**
 * Health of the network listeners.
 */
@NullMarked
package io.switchboard.health;

import org.jspecify.annotations.NullMarked;
