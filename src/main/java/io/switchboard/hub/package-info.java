/**
 * The broadcast service: rooms, fan-out, message formatting and chat commands.
 */
@NullMarked
package io.switchboard.hub;

import org.jspecify.annotations.NullMarked;
