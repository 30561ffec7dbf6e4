/**
 * The TCP and UDP echo service.
 */
@NullMarked
package io.switchboard.echo;

import org.jspecify.annotations.NullMarked;
