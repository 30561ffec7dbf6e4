/**
 * The UDP chat server: inbound flow, verified joins and the peer table.
 */
@NullMarked
package io.switchboard.udp;

import org.jspecify.annotations.NullMarked;
