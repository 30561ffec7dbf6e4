/**
 * What the front doors share: framing, and the stream and datagram plumbing under a
 * client.
 */
@NullMarked
package io.switchboard.transport;

import org.jspecify.annotations.NullMarked;
