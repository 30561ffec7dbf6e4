package io.switchboard.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * {@code /msg NICK text} (alias {@code /w}): one client to one other, addressed by nick,
 * or by the name a client without one is shown by on this node ({@code udp-3}). The
 * receiver on this node is looked up first; else the cluster routes it to the node
 * holding the nick. The sender's own copy (with {@code echo-to-sender}) goes only to the
 * sender. Flood control and the size limit were applied to the whole command line before
 * it got here, as to any room line. What one receiver takes from all senders together is
 * limited too ({@link RecipientLimits}): past that, the sender is refused, and the
 * receiver, however many write to it, is never cut as a slow consumer for it.
 */
final class PrivateMessages {

	/**
	 * Why a private message was dropped, as {@code switchboard.messages.dropped} tags it.
	 */
	static final String RECIPIENT_LIMIT = "recipient-limit";

	/** The reply to {@code /msg} without a nick and a text. */
	static final String USAGE_TEXT = "usage: /msg NICK TEXT";

	private static final Event USAGE = Event.failure(USAGE_TEXT);

	private static final Event TO_YOURSELF = Event.failure("you cannot send a private message to yourself");

	private static final Event UNREACHABLE = Event
		.failure("private messages to other nodes cannot be sent while the cluster is unreachable, try again later");

	private final ClientRegistry registry;

	private final ClusterBridge cluster;

	private final SwitchboardMetrics metrics;

	private final boolean echoToSender;

	private final AtomicLong ids = new AtomicLong();

	private final RecipientLimits limits;

	PrivateMessages(ClientRegistry registry, ClusterBridge cluster, SwitchboardMetrics metrics, boolean echoToSender,
			RecipientLimits limits) {
		this.limits = limits;
		this.registry = registry;
		this.cluster = cluster;
		this.metrics = metrics;
		this.echoToSender = echoToSender;
	}

	/**
	 * Run {@code /msg}.
	 * @param argument what followed the command: the nick, a space, the text
	 * @return a reply for the sender (its copy or an error), or null for none
	 */
	@Nullable Event send(ClientSession sender, String argument, long receivedNanos) {
		return send(sender, argument, receivedNanos, false, "");
	}

	/**
	 * As {@link #send(ClientSession, String, long)}, an action ({@code /me}) if
	 * {@code action}.
	 */
	@Nullable Event send(ClientSession sender, String argument, long receivedNanos, boolean action, String clientTags) {
		int space = argument.indexOf(' ');
		String nick = (space < 0) ? argument : argument.substring(0, space);
		String text = (space < 0) ? "" : argument.substring(space + 1);
		if (nick.isEmpty() || text.isBlank()) {
			// The line table checked /msg's words already; IRC's PRIVMSG comes here
			// unchecked (ChatHub.privateMessage), with a text that may be blank.
			return USAGE;
		}
		if (!Nicks.isValid(nick)) {
			return noSuchNick(nick);
		}
		ClientSession receiver = this.registry.findByShownName(nick);
		if (receiver == sender || nick.equalsIgnoreCase(sender.nick())) {
			return TO_YOURSELF;
		}
		Event.Private message = new Event.Private("p" + this.ids.incrementAndGet() + this.registry.idSuffix(),
				sender.from(), (receiver != null) ? receiver.from() : nick, TerminalSafeText.escape(text),
				Instant.now(), receivedNanos, action, clientTags);
		if (receiver != null) {
			if (!this.limits.tryTake(receiver.id(), bytes(message), System.nanoTime())) {
				this.metrics.dropped(RECIPIENT_LIMIT);
				return Event.failure(message.to() + " is sent more private messages than it takes"
						+ " (switchboard.private-messages.*); try again later");
			}
			receiver.send(message);
		}
		else {
			switch (this.cluster.sendPrivate(nick, message)) {
				case SENT -> {
				}
				case NO_SUCH_NICK -> {
					return noSuchNick(nick);
				}
				case UNAVAILABLE -> {
					return UNREACHABLE;
				}
			}
		}
		this.metrics.privateMessage();
		return this.echoToSender ? message : null;
	}

	/**
	 * Deliver a private message routed here by the cluster to the client it was meant
	 * for, if it is still here under that nick (it may have left meanwhile: then it is
	 * dropped, as a line to a room that emptied).
	 */
	void deliver(String clientId, Event.Private message) {
		ClientSession receiver = this.registry.find(clientId);
		String nick = (receiver != null) ? receiver.nick() : null;
		if (receiver != null && nick != null && nick.equalsIgnoreCase(message.to())) {
			if (!this.limits.tryTake(receiver.id(), bytes(message), System.nanoTime())) {
				// Its sender is on another node and was told nothing: dropped, counted.
				this.metrics.dropped(RECIPIENT_LIMIT);
				return;
			}
			receiver.send(new Event.Private(message.id(), message.from(), nick, message.text(), message.time(),
					message.receivedNanos(), message.action(), message.clientTags()));
		}
	}

	/**
	 * A client that has left: its allowance goes with it.
	 */
	void forget(ClientSession session) {
		this.limits.forget(session.id());
	}

	/**
	 * Forget allowances that are whole again; run periodically.
	 */
	void sweep() {
		this.limits.sweep(System.nanoTime());
	}

	private static int bytes(Event.Private message) {
		return message.text().getBytes(StandardCharsets.UTF_8).length;
	}

	private static Event noSuchNick(String nick) {
		return Event.failure("no such nick " + ChatCommands.echoed(nick));
	}

}
