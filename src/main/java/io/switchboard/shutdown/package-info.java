/**
 * Graceful shutdown: stop accepting, notify, drain, close.
 */
@NullMarked
package io.switchboard.shutdown;

import org.jspecify.annotations.NullMarked;
