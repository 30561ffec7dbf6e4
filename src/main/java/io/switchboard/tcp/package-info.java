/**
 * The TCP chat server: Spring Integration inbound flow, TLS, keep-alive and connection
 * lifecycle.
 */
@NullMarked
package io.switchboard.tcp;

import org.jspecify.annotations.NullMarked;
