/**
 * Health of the network listeners, process meters the dashboard needs (resident memory),
 * and the heap settled once at start-up.
 */
@NullMarked
package io.switchboard.health;

import org.jspecify.annotations.NullMarked;
