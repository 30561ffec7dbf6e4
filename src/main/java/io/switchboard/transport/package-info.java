/**
 * What the front doors share: framing, the stream and datagram plumbing under a client,
 * and the contract by which one door carries another's protocol.
 */
@NullMarked
package io.switchboard.transport;

import org.jspecify.annotations.NullMarked;
