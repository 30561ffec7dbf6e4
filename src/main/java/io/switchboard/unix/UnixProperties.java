package io.switchboard.unix;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Unix domain socket listeners ({@code switchboard.unix.*}); each is off unless given a
 * path.
 *
 * @param streamPath socket file of the Unix stream listener (framing, limits and commands
 * as TCP)
 * @param datagramPath socket file of the Unix datagram listener (as UDP; the socket
 * file's owner-only permissions stand in for the join handshake)
 */
@ConfigurationProperties("switchboard.unix")
public record UnixProperties(@Nullable Path streamPath, @Nullable Path datagramPath) {

}
