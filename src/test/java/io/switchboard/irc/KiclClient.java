package io.switchboard.irc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import net.engio.mbassy.listener.Handler;
import org.kitteh.irc.client.library.Client;
import org.kitteh.irc.client.library.Client.Builder.Server.SecurityType;
import org.kitteh.irc.client.library.element.MessageTag;
import org.kitteh.irc.client.library.element.ServerMessage;
import org.kitteh.irc.client.library.event.channel.ChannelJoinEvent;
import org.kitteh.irc.client.library.event.channel.ChannelMessageEvent;
import org.kitteh.irc.client.library.event.client.ClientNegotiationCompleteEvent;
import org.kitteh.irc.client.library.event.connection.ClientConnectionEndedEvent;
import org.kitteh.irc.client.library.event.user.PrivateMessageEvent;
import org.kitteh.irc.client.library.event.user.ServerNoticeEvent;
import org.kitteh.irc.client.library.exception.KittehConnectionException;
import org.kitteh.irc.client.library.exception.KittehNagException;

/**
 * A real IRC client library, KICL ({@code org.kitteh.irc:client-lib}), connected to the
 * IRC door, with its events (its own listener API) collected for tests to wait on. Like a
 * bot, it joins its channels each time it has registered, so after a reconnect too; it
 * tries to reconnect every 100 ms instead of the library's 5 s.
 */
public final class KiclClient implements AutoCloseable {

	private static final int WAIT_SECONDS = 10;

	/** A PRIVMSG as the library parsed it, with its {@code time} tag if one came. */
	record Message(String target, String from, String text, Optional<Instant> time) {

		static Message of(String target, String from, String text, ServerMessage source) {
			return new Message(target, from, text,
					source.getTag("time", MessageTag.Time.class).map(MessageTag.Time::getTime));
		}

	}

	final Client client;

	private final String[] channels;

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> joins = new LinkedBlockingQueue<>();

	private final BlockingQueue<ClientConnectionEndedEvent> ended = new LinkedBlockingQueue<>();

	/** NOTICEs the library took as the server's. */
	final List<String> serverNotices = new CopyOnWriteArrayList<>();

	private final AtomicInteger registrations = new AtomicInteger();

	/** Every line the server sent, for failure messages. */
	final List<String> received = new CopyOnWriteArrayList<>();

	/** What the library could not handle (e.g. a reply it could not parse). */
	final List<Exception> exceptions = new CopyOnWriteArrayList<>();

	KiclClient(String nick, int port, String... channels) {
		this.channels = channels;
		this.client = Client.builder()
			.nick(nick)
			.user(nick)
			.realName("KICL in a test")
			.server()
			.host("127.0.0.1")
			.port(port, SecurityType.INSECURE)
			.then()
			.listeners()
			.input(this.received::add)
			.exception(this::exception)
			.then()
			.build();
		this.client.getEventManager().registerEventListener(this);
		this.client.connect();
	}

	private void exception(Exception exception) {
		// Not problems: the library's advice to use TLS, and refused connections while
		// the server is down (it tries again).
		if (!(exception instanceof KittehNagException) && !(exception instanceof KittehConnectionException)) {
			this.exceptions.add(exception);
		}
	}

	@Handler
	public void serverNotice(ServerNoticeEvent event) {
		this.serverNotices.add(event.getMessage());
	}

	@Handler
	public void registered(ClientNegotiationCompleteEvent event) {
		this.registrations.incrementAndGet();
		if (this.channels.length > 0) {
			this.client.addChannel(this.channels);
		}
	}

	@Handler
	public void joined(ChannelJoinEvent event) {
		this.joins.add(event.getUser().getNick() + " " + event.getChannel().getName());
	}

	@Handler
	public void channelMessage(ChannelMessageEvent event) {
		this.messages.add(Message.of(event.getChannel().getName(), event.getActor().getNick(), event.getMessage(),
				event.getSource()));
	}

	@Handler
	public void privateMessage(PrivateMessageEvent event) {
		this.messages
			.add(Message.of(event.getTarget(), event.getActor().getNick(), event.getMessage(), event.getSource()));
	}

	@Handler
	public void connectionEnded(ClientConnectionEndedEvent event) {
		event.setReconnectionDelay(100);
		this.ended.add(event);
	}

	int registrations() {
		return this.registrations.get();
	}

	/**
	 * The next message (channel or private) that matches, skipping others.
	 */
	Message awaitMessage(Predicate<Message> wanted) {
		while (true) {
			Message message = poll(this.messages, "a message");
			if (wanted.test(message)) {
				return message;
			}
		}
	}

	/**
	 * The next message from {@code nick} with this text.
	 */
	Message awaitMessage(String from, String text) {
		return awaitMessage((message) -> message.from().equals(from) && message.text().equals(text));
	}

	/**
	 * Wait for {@code nick} joining {@code channel}, skipping other joins.
	 */
	void awaitJoin(String nick, String channel) {
		String wanted = nick + " " + channel;
		while (!poll(this.joins, wanted + " joining").equals(wanted)) {
			// another join
		}
	}

	ClientConnectionEndedEvent awaitConnectionEnded() {
		return poll(this.ended, "the connection ending");
	}

	private <T> T poll(BlockingQueue<T> queue, String what) {
		try {
			T next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			if (next == null) {
				throw new AssertionError("KICL got no " + what + " within " + WAIT_SECONDS + "s; the server sent:\n"
						+ String.join("\n", this.received));
			}
			return next;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		this.client.shutdown("done");
	}

}
