package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * A close of an outbox on its way to the event loop that applies it, with what
 * {@code ClientOutbox.closeThen} was given.
 */
record OutboxClosing(boolean discardQueued, @Nullable OutboundLine lastLine, Runnable action) {
}
