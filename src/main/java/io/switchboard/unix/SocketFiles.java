package io.switchboard.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Socket files: a stale one (left by a crash) is replaced, a live one (another server) is
 * not; new ones are made owner-only, since anyone who can open the file can chat.
 */
final class SocketFiles {

	private static final Log logger = LogFactory.getLog(SocketFiles.class);

	private SocketFiles() {
	}

	/**
	 * Make room for a new socket file at {@code path}.
	 * @throws LiveSocketException if a server is listening on it
	 */
	static void clear(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(path.toAbsolutePath().getParent());
			return;
		}
		if (isLive(path)) {
			throw new LiveSocketException(path);
		}
		logger.info("Replacing stale socket file " + path);
		Files.delete(path);
	}

	static void restrictToOwner(Path path) throws IOException {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
	}

	static void delete(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.warn("Could not remove socket file " + path + ": " + ex);
		}
	}

	/**
	 * A server is listening on the socket file.
	 */
	static final class LiveSocketException extends IllegalStateException {

		LiveSocketException(Path path) {
			super("Another server is listening on " + path);
		}

	}

	private static boolean isLive(Path path) {
		// A stream socket file accepts connections while its server lives; a datagram one
		// refuses a stream connection either way, so only a stream server counts as live.
		try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			return probe.connect(UnixDomainSocketAddress.of(path));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
