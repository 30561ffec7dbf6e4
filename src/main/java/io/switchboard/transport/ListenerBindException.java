package io.switchboard.transport;

import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;

/**
 * A listener could not bind its port or socket file at start-up: start-up stops (a server
 * without one of its doors is not one to run), and {@link ListenerBindFailureAnalyzer}
 * turns this into one message naming the address and the setting to change.
 */
public final class ListenerBindException extends RuntimeException {

	/** What went wrong, as far as the operator's choice of action goes. */
	public enum Reason {

		/** Another process holds the port. */
		PORT_IN_USE,

		/** The host setting names an address this machine does not have. */
		NO_SUCH_ADDRESS,

		/** Another server listens on the socket file. */
		PATH_IN_USE,

		/** Anything else (a privileged port, a directory that cannot be written). */
		OTHER

	}

	private final String listener;

	private final String setting;

	private final String address;

	private final Reason reason;

	private ListenerBindException(String listener, String setting, String address, Reason reason, Throwable cause) {
		super("The " + listener + " listener could not listen on " + address + " (" + setting + "): "
				+ cause.getMessage(), cause);
		this.listener = listener;
		this.setting = setting;
		this.address = address;
		this.reason = reason;
	}

	/**
	 * A listener on a port that could not bind.
	 * @param listener how the message names it ({@code TCP}, {@code UDP echo})
	 * @param settings the prefix of its {@code host} and {@code port} settings
	 * ({@code switchboard.tcp})
	 */
	public static ListenerBindException onPort(String listener, String settings, String host, int port,
			Throwable cause) {
		return onPort(listener, settings + ".host", settings + ".port", host, port, cause);
	}

	/**
	 * A listener on a port that could not bind, whose settings are named apart (a second
	 * port of a door: {@code switchboard.irc.host} and {@code switchboard.irc.tls-port}).
	 */
	public static ListenerBindException onPort(String listener, String hostSetting, String portSetting, String host,
			int port, Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		// The JDK's and Netty's messages are the system's text for the error number
		// (EADDRINUSE, EADDRNOTAVAIL); their exception types differ. A host name that
		// does not resolve is no address of this machine either.
		boolean unresolved = cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
				|| message.contains("Unresolved address");
		Reason reason = message.contains("already in use") ? Reason.PORT_IN_USE
				: (unresolved || message.contains("Cannot assign requested address")) ? Reason.NO_SUCH_ADDRESS
						: Reason.OTHER;
		String setting = (reason == Reason.NO_SUCH_ADDRESS) ? hostSetting : portSetting;
		return new ListenerBindException(listener, setting, host + ":" + port, reason, cause);
	}

	/**
	 * A listener on a socket file that could not bind.
	 * @param inUse whether another server listens on the file
	 */
	public static ListenerBindException onPath(String listener, String setting, Path path, boolean inUse,
			Throwable cause) {
		return new ListenerBindException(listener, setting, path.toString(), inUse ? Reason.PATH_IN_USE : Reason.OTHER,
				cause);
	}

	/**
	 * How the message names the listener ({@code TCP}, {@code Unix stream}).
	 */
	public String listener() {
		return this.listener;
	}

	/**
	 * The setting to change ({@code switchboard.tcp.port}).
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * Where it tried to listen: {@code host:port} or the socket file.
	 */
	public String address() {
		return this.address;
	}

	public Reason reason() {
		return this.reason;
	}

}
