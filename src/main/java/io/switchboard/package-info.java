/**
 * Switchboard: TCP and UDP group-chat and broadcast server.
 */
@NullMarked
package io.switchboard;

import org.jspecify.annotations.NullMarked;
