/**
 * Health of the network listeners, and process meters the dashboard needs (resident
 * memory).
 */
@NullMarked
package io.switchboard.health;

import org.jspecify.annotations.NullMarked;
