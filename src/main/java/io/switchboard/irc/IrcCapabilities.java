package io.switchboard.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's IRCv3 capabilities ({@code CAP LS 302}, {@code REQ}, {@code LIST},
 * {@code END}): what it asked for, and so which {@link IrcLines} render its broadcasts.
 * Registration waits while a negotiation is open.
 */
final class IrcCapabilities {

	/** The capabilities offered in {@code CAP LS}. */
	static final Set<String> OFFERED = Set.of("server-time", "echo-message", "message-tags", "multi-prefix",
			"userhost-in-names", "batch", "draft/chathistory", "away-notify");

	private final IrcServer server;

	private final Set<String> enabled = ConcurrentHashMap.newKeySet();

	private volatile IrcLines lines;

	private volatile boolean negotiating;

	IrcCapabilities(IrcServer server) {
		this.server = server;
		this.lines = server.lines(false, false);
	}

	/**
	 * Answer a {@code CAP} command.
	 * @return true if it ended a negotiation ({@code CAP END})
	 */
	boolean negotiate(IrcConnection connection, IrcMessage message, boolean registered) {
		String me = connection.nickOrStar();
		switch (message.param(0).toUpperCase(Locale.ROOT)) {
			case "LS" -> {
				this.negotiating |= !registered;
				List<String> offered = new ArrayList<>(OFFERED.stream().sorted().toList());
				if (this.server.hub().authRequired()) {
					// Version 302 lists the mechanisms; older clients only learn there is
					// SASL.
					offered.add(message.param(1).equals("302") ? "sasl=" + IrcSasl.MECHANISMS : "sasl");
				}
				connection.send(this.lines.server("CAP " + me + " LS :" + String.join(" ", offered)));
			}
			case "LIST" -> connection.send(this.lines.server("CAP " + me + " LIST :" + String.join(" ", this.enabled)));
			case "REQ" -> {
				this.negotiating |= !registered;
				request(connection, me, message.param(1).strip());
			}
			case "END" -> {
				boolean was = this.negotiating;
				this.negotiating = false;
				return was || !registered;
			}
			default -> connection.reply("410 " + me + " " + message.param(0) + " :Invalid CAP command");
		}
		return false;
	}

	/**
	 * All of them or none: a request naming one capability not offered is refused whole
	 * ({@code NAK}).
	 */
	private void request(IrcConnection connection, String me, String asked) {
		boolean known = !asked.isEmpty();
		for (String capability : asked.split(" +")) {
			String name = capability.startsWith("-") ? capability.substring(1) : capability;
			known &= OFFERED.contains(name) || (name.equals("sasl") && this.server.hub().authRequired());
		}
		if (!known) {
			connection.send(this.lines.server("CAP " + me + " NAK :" + asked));
			return;
		}
		for (String capability : asked.split(" +")) {
			if (capability.startsWith("-")) {
				this.enabled.remove(capability.substring(1));
			}
			else {
				this.enabled.add(capability);
			}
		}
		this.lines = this.server.lines(has("server-time"), has("message-tags"));
		connection.send(this.lines.server("CAP " + me + " ACK :" + asked));
	}

	boolean negotiating() {
		return this.negotiating;
	}

	boolean has(String capability) {
		return this.enabled.contains(capability);
	}

	IrcLines lines() {
		return this.lines;
	}

}
