/**
 * The UDP chat server: inbound flow, verified joins, member keys and the peer table.
 */
@NullMarked
package io.switchboard.udp;

import org.jspecify.annotations.NullMarked;
