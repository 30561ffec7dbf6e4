/**
 * Unix domain sockets (stream and datagram) for clients on the same host or in the same
 * pod, in the same rooms as TCP and UDP.
 */
@NullMarked
package io.switchboard.unix;

import org.jspecify.annotations.NullMarked;
