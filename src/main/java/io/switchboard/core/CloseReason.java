package io.switchboard.core;

import java.util.Locale;

/**
 * Why a client left; the {@code reason} tag of {@code switchboard.connections.closed}.
 */
public enum CloseReason {

	/** The client sent {@code quit}. */
	QUIT,
	/** It presented an invalid token ({@code switchboard.auth.mode=token}). */
	AUTH,
	/** It did not authenticate within {@code switchboard.auth.timeout}. */
	AUTH_TIMEOUT,
	/** Its token expired and no fresh one came. */
	AUTH_EXPIRED,
	/** The client closed its side of the connection. */
	EOF,
	/** A read or write failed. */
	ERROR,
	/** TCP client silent longer than {@code switchboard.tcp.idle-timeout}. */
	IDLE,
	/** The outbox overflowed or a socket write was stuck. */
	SLOW_CONSUMER,
	/** Disconnected through the actuator. */
	OPERATOR,
	/**
	 * Refused or disconnected because a ban matches its address, nick or token subject
	 * ({@code /actuator/bans}, {@code /ban}).
	 */
	BANNED,
	/** Removed by an admin's {@code /kick} from its only room. */
	KICKED,
	/** The server shut down. */
	SHUTDOWN,
	/** A message longer than {@code switchboard.max-message-bytes}. */
	TOO_LONG,
	/** A started line that did not end within {@code switchboard.tcp.line-timeout}. */
	LINE_TIMEOUT,
	/** Refused because {@code switchboard.max-clients} was reached. */
	FULL,
	/** UDP member silent longer than {@code switchboard.udp.peer-timeout}. */
	TIMEOUT,
	/** Kept flooding past {@code switchboard.client.rate} and {@code burst}. */
	FLOOD,
	/** Refused because its address has {@code switchboard.max-clients-per-ip} clients. */
	IP_LIMIT,
	/**
	 * Refused because its network (IPv4 /24, IPv6 /64) has
	 * {@code switchboard.max-clients-per-ipv4-prefix} / {@code -ipv6-prefix} clients.
	 */
	PREFIX_LIMIT,
	/**
	 * Refused because its address connects faster than
	 * {@code switchboard.accept-rate-per-ip}.
	 */
	ACCEPT_RATE,
	/**
	 * Its first message opened another protocol (a TLS ClientHello, an HTTP request): it
	 * got {@code ERR this is a chat port} (as an HTTP 400 or after a TLS alert).
	 */
	NOT_CHAT,
	/**
	 * A PROXY protocol header from an address not in
	 * {@code switchboard.tcp.proxy-trusted} (or with {@code proxy-protocol} off):
	 * refused, not believed.
	 */
	PROXY_REFUSED,
	/**
	 * A trusted proxy's connection that did not start with a valid PROXY header
	 * (malformed, truncated, too long, or the version {@code proxy-protocol} does not
	 * take).
	 */
	PROXY_INVALID,
	/** A trusted proxy's connection whose PROXY header did not arrive within 5 s. */
	PROXY_TIMEOUT,
	/**
	 * Refused because the room it would start in has
	 * {@code switchboard.rooms.policies[i].max-members} members.
	 */
	ROOM_FULL,
	/**
	 * An IRC connection that did not register within
	 * {@code switchboard.irc.registration-timeout}.
	 */
	REGISTRATION_TIMEOUT;

	/**
	 * How others are told why the client left (an IRC QUIT's reason).
	 */
	public String farewell() {
		return switch (this) {
			case QUIT -> "Quit";
			case EOF, ERROR -> "Connection closed";
			case IDLE, TIMEOUT -> "Ping timeout";
			case SHUTDOWN -> "Server shutting down";
			case FLOOD -> "Excess flood";
			case SLOW_CONSUMER -> "SendQ exceeded";
			case TOO_LONG -> "Input line was too long";
			case OPERATOR -> "Disconnected by an operator";
			case AUTH -> "Authentication failed";
			case AUTH_TIMEOUT, REGISTRATION_TIMEOUT -> "Registration timed out";
			default -> tag();
		};
	}

	/**
	 * The tag value, lower case with dashes.
	 * @return e.g. {@code slow-consumer}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
