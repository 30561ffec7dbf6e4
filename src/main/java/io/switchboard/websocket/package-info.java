/**
 * The WebSocket front door: browsers and WebSocket clients at {@code /ws} on the HTTP
 * port, speaking the line protocol or JSON, in the same rooms as every other client.
 */
@NullMarked
package io.switchboard.websocket;

import org.jspecify.annotations.NullMarked;
