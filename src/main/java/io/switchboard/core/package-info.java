/**
 * The core: everything about a connected client, whichever door it came through.
 * Admission and flood control, the session and its end reason, rooms, commands, history,
 * topics, bans, outboxes and their budget, and the metrics of all of these. Doors talk to
 * it; it knows no door and no Redis type (the cluster plugs in through
 * {@link ClusterBridge}).
 */
@NullMarked
package io.switchboard.core;

import org.jspecify.annotations.NullMarked;
