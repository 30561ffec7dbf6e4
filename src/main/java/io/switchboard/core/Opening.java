package io.switchboard.core;

import org.jspecify.annotations.Nullable;

/**
 * The registry's answer to a new client.
 *
 * @param session the admitted client, or null if refused
 * @param refusal why it was refused ({@link CloseReason#FULL} or
 * {@link CloseReason#IP_LIMIT}), or null
 */
public record Opening(@Nullable ClientSession session, @Nullable CloseReason refusal) {

}
