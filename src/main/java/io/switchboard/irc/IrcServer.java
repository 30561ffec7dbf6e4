package io.switchboard.irc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.Event;
import io.switchboard.core.Nicks;
import io.switchboard.core.RoomModes;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * What every IRC connection of this node shares: the settings, the directory of IRC
 * users, the hub's actions, the line renderers, the commands, and the welcome that ends
 * registration ({@code 001}-{@code 005}, {@code LUSERS}, {@code MOTD}).
 */
final class IrcServer {

	private static final String VERSION = "switchboard-1";

	private final IrcProperties properties;

	private final IrcDirectory directory;

	private final ChatHub hub;

	private final ClientRegistry registry;

	private final IrcLines[] lines = new IrcLines[4];

	private final IrcCommands commands;

	private final List<String> isupport;

	private final String created = Instant.now().toString();

	private final AtomicInteger mostUsers = new AtomicInteger();

	/** This node's IRC connections that have not registered yet. */
	private final Set<IrcConnection> registering = ConcurrentHashMap.newKeySet();

	private final IrcHistory history;

	private final IrcOperators operators;

	/** {@code switchboard.max-list-entries}: the most entries a list reply has. */
	private final int maxListEntries;

	/** The message of the day, read once: the setting's text, or the file it names. */
	private final String motd;

	IrcServer(IrcProperties properties, ChatHub hub, ClientRegistry registry, int maxRooms, int maxListEntries,
			BiFunction<String, Integer, List<Event.Chat>> history) {
		this.history = new IrcHistory(history);
		this.maxListEntries = maxListEntries;
		this.motd = motd(properties.motd());
		this.properties = properties;
		this.operators = new IrcOperators(properties.operators());
		this.directory = new IrcDirectory(properties.serverName());
		this.hub = hub;
		this.registry = registry;
		for (int i = 0; i < 4; i++) {
			this.lines[i] = new IrcLines(this.directory, (i & 1) != 0, (i & 2) != 0);
		}
		this.commands = new IrcCommands(this);
		// What the hub agrees with: rooms are channels of one type (#), nicks compare
		// ignoring ASCII case, names are as long as the hub's.
		this.isupport = List.of("AWAYLEN=" + IrcCommands.AWAY_LENGTH, "CASEMAPPING=ascii",
				"CHATHISTORY=" + IrcHistory.MAX_LINES, "CHANLIMIT=#:" + maxRooms, "CHANMODES=b,k,l,imnst",
				"KEYLEN=" + IrcModes.KEY_LENGTH, "MAXLIST=b:" + RoomModes.MAX_BANS, "MODES=" + IrcModes.MAX_CHANGES,
				"CHANNELLEN=33", "CHANTYPES=#", "ELIST=", "HOSTLEN=64", "MAXTARGETS=" + IrcCommands.MAX_TARGETS,
				"MSGREFTYPES=msgid,timestamp", "NETWORK=" + properties.network(), "NICKLEN=" + Nicks.MAX_LENGTH,
				"PREFIX=(ov)@+",
				"TARGMAX=PRIVMSG:" + IrcCommands.MAX_TARGETS + ",NOTICE:" + IrcCommands.MAX_TARGETS
						+ ",JOIN:,PART:,NAMES:1,WHOIS:1,KICK:" + IrcChannels.MAX_KICKS,
				"TOPICLEN=" + Math.min(ChatHub.TOPIC_LENGTH, IrcLines.TOPIC_BYTES),
				"USERLEN=" + IrcDirectory.USER_LENGTH, "UTF8ONLY");
	}

	/**
	 * {@code switchboard.irc.motd}: its text, or with {@code file:} or {@code classpath:}
	 * the file's (UTF-8), read at start-up; a file that cannot be read stops it.
	 */
	static String motd(String setting) {
		if (!setting.startsWith("file:") && !setting.startsWith("classpath:")) {
			return setting;
		}
		try {
			return new DefaultResourceLoader().getResource(setting).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("switchboard.irc.motd: cannot read " + setting + ": " + ex.getMessage(),
					ex);
		}
	}

	IrcLines lines(boolean serverTime, boolean messageTags) {
		return this.lines[(serverTime ? 1 : 0) | (messageTags ? 2 : 0)];
	}

	IrcDirectory directory() {
		return this.directory;
	}

	ChatHub hub() {
		return this.hub;
	}

	IrcHistory history() {
		return this.history;
	}

	IrcOperators operators() {
		return this.operators;
	}

	IrcCommands commands() {
		return this.commands;
	}

	IrcProperties properties() {
		return this.properties;
	}

	int maxListEntries() {
		return this.maxListEntries;
	}

	ClientRegistry registry() {
		return this.registry;
	}

	/**
	 * The end of registration: {@code 001}-{@code 005}, the user counts and the message
	 * of the day.
	 */
	void welcome(IrcConnection connection) {
		String me = connection.nickOrStar();
		String server = this.directory.server();
		connection.reply("001 " + me + " :Welcome to the " + this.properties.network() + " IRC network, "
				+ this.directory.mask(me));
		connection.reply("002 " + me + " :Your host is " + server + ", running version " + VERSION);
		connection.reply("003 " + me + " :This server was created " + this.created);
		connection.reply("004 " + me + " " + server + " " + VERSION + " " + IrcUserModes.ALL + " biklmnostv bklov");
		List<String> tokens = new ArrayList<>(this.isupport);
		while (!tokens.isEmpty()) {
			List<String> some = tokens.subList(0, Math.min(12, tokens.size()));
			connection.reply("005 " + me + " " + String.join(" ", some) + " :are supported by this server");
			some.clear();
		}
		lusers(connection);
		motd(connection);
	}

	/**
	 * The user counts: every door's clients, IRC connections still registering as unknown
	 * connections, invisible ({@code +i}) users and operators among IRC users; this node
	 * is the one server IRC sees (IRC users over WebSocket are IRC users). A client whose
	 * connection is closing is counted no more (a client that quit and asks again on
	 * another connection must not find itself twice). Made by walking this node's IRC
	 * users: a reply's worth of work per registration and {@code LUSERS}, which flood
	 * control bounds.
	 */
	void lusers(IrcConnection connection) {
		String me = connection.nickOrStar();
		int unknown = (int) this.registering.stream().filter(IrcConnection::isOpen).count();
		int irc = 0;
		int invisible = 0;
		int operators = 0;
		for (IrcConnection user : this.directory.users()) {
			if (user.isOpen()) {
				irc++;
				invisible += user.modes().invisible() ? 1 : 0;
				operators += user.isOperator() ? 1 : 0;
			}
		}
		int users = Math.max(0, this.registry.count() - this.registry.count(IrcClients.PROTOCOL)
				- this.registry.count(IrcWebSocketClients.PROTOCOL)) + irc;
		int most = this.mostUsers.accumulateAndGet(users, Math::max);
		connection.reply("251 " + me + " :There are " + (users - invisible) + " users and " + invisible
				+ " invisible on 1 servers");
		connection.reply("252 " + me + " " + operators + " :operator(s) online");
		connection.reply("253 " + me + " " + unknown + " :unknown connection(s)");
		connection.reply("254 " + me + " " + this.hub.rooms().size() + " :channels formed");
		connection.reply("255 " + me + " :I have " + users + " clients and 0 servers");
		// The counts only in the text: their parameters are optional, and the most ever
		// is this node's since it started, which a client cannot check against anything.
		connection.reply("265 " + me + " :Current local users " + users + ", max " + most);
		connection.reply("266 " + me + " :Current global users " + users + ", max " + most);
	}

	/**
	 * A connection is registering from its admission until it registers or ends.
	 */
	void registering(IrcConnection connection, boolean registering) {
		if (registering) {
			this.registering.add(connection);
		}
		else {
			this.registering.remove(connection);
		}
	}

	/**
	 * {@code 333 RPL_TOPICWHOTIME} after a {@code 332}: who set the room's topic and when
	 * (as this node learned it), or null if it has none. A topic set by the server (a
	 * policy's, an operator's through the API) names the server.
	 */
	@Nullable String topicWhoTime(String me, String room) {
		Event.Topic topic = this.hub.topic(room);
		Instant at = this.hub.topicSetAt(room);
		if (topic == null || topic.text().isEmpty() || at == null) {
			return null;
		}
		String by = (topic.by() != null) ? IrcNicks.of(topic.by()) : this.directory.server();
		return "333 " + me + " #" + room + " " + by + " " + at.getEpochSecond();
	}

	void motd(IrcConnection connection) {
		String me = connection.nickOrStar();
		String motd = this.motd;
		if (motd.isBlank()) {
			connection.reply("422 " + me + " :MOTD File is missing");
			return;
		}
		connection.reply("375 " + me + " :- " + this.directory.server() + " Message of the day - ");
		for (String line : motd.split("\r?\n")) {
			connection.reply("372 " + me + " :- " + line);
		}
		connection.reply("376 " + me + " :End of /MOTD command.");
	}

}
