package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a connect or join: a session, or the line to send before refusing.
 *
 * @param session the admitted client, or null if refused
 * @param refusal {@code ERR server full} or {@code ERR server shutting down}, or null
 */
public record Admission(@Nullable ClientSession session, @Nullable OutboundLine refusal) {

}
