/**
 * Connected clients: sessions, their bounded outboxes, the registry and its metrics.
 */
@NullMarked
package io.switchboard.client;

import org.jspecify.annotations.NullMarked;
