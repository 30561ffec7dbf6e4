package io.switchboard.core;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail on the logger {@code io.switchboard.audit}: who connected and left, and
 * what operators did, one INFO event each. The details are key-value pairs, which
 * structured logs ({@code switchboard.logging.format=ecs}, {@code logstash},
 * {@code gelf}) write as fields, and the message repeats them for plain-text logs.
 * Message text is never logged: only counts and sizes. No key starts with
 * {@code message.}: ECS nests dotted keys, and {@code message} is the event's own text.
 */
public final class AuditLog {

	/** When switched off ({@code switchboard.audit.enabled=false}) and in unit tests. */
	public static final AuditLog OFF = new AuditLog(false);

	private static final Logger logger = LoggerFactory.getLogger("io.switchboard.audit");

	private final boolean enabled;

	public AuditLog(boolean enabled) {
		this.enabled = enabled;
	}

	void opened(ClientSession session) {
		LoggingEventBuilder event = event("connection-open");
		if (event == null) {
			return;
		}
		client(event, session).log("open {} {} from {} in {}", session.id(), session.protocol().tag(),
				session.remoteAddress(), session.room());
	}

	void closed(ClientSession session, CloseReason reason) {
		LoggingEventBuilder event = event("connection-close");
		if (event == null) {
			return;
		}
		ClientTraffic traffic = session.traffic();
		long millis = Duration.between(session.connectedAt(), Instant.now()).toMillis();
		client(event, session).addKeyValue("event.reason", reason.tag())
			.addKeyValue("client.duration_ms", millis)
			.addKeyValue("client.messages_in", traffic.messagesIn())
			.addKeyValue("client.bytes_in", traffic.bytesIn())
			.addKeyValue("client.messages_out", traffic.messagesOut())
			.addKeyValue("client.bytes_out", traffic.bytesOut())
			.log("close {} {} from {}{} in {} reason={} after {} ms, in {} messages {} bytes, out {} messages {} bytes",
					session.id(), session.protocol().tag(), session.remoteAddress(),
					(session.nick() != null) ? " nick=" + session.nick() : "", session.room(), reason.tag(), millis,
					traffic.messagesIn(), traffic.bytesIn(), traffic.messagesOut(), traffic.bytesOut());
	}

	/**
	 * An operator disconnected a client ({@code DELETE /actuator/clients/{id}}).
	 * @param outcome {@code disconnected}, {@code forwarded} (another node's client) or
	 * {@code not-found}
	 */
	public void operatorDisconnect(@Nullable String user, String clientId, String outcome) {
		LoggingEventBuilder event = event("operator-disconnect");
		if (event != null) {
			event.addKeyValue("user.name", user)
				.addKeyValue("client.id", clientId)
				.addKeyValue("event.outcome", outcome)
				.log("operator {} disconnect {}: {}", user, clientId, outcome);
		}
	}

	/**
	 * An operator sent a message ({@code POST /actuator/clients}); its size, never its
	 * text.
	 * @param room null for every room
	 * @param recipients this node's clients it was queued for, or null when it went
	 * through the cluster
	 */
	public void operatorMessage(@Nullable String user, @Nullable String room, int bytes, @Nullable Integer recipients) {
		LoggingEventBuilder event = event("operator-message");
		if (event != null) {
			event.addKeyValue("user.name", user)
				.addKeyValue("client.room", room)
				.addKeyValue("operator.message_bytes", bytes)
				.addKeyValue("operator.recipients", recipients)
				.log("operator {} message of {} bytes to {}: {} recipients", user, bytes,
						(room != null) ? "room " + room : "every room", (recipients != null) ? recipients : "cluster");
		}
	}

	private @Nullable LoggingEventBuilder event(String action) {
		if (!this.enabled || !logger.isInfoEnabled()) {
			return null;
		}
		return logger.atInfo().addKeyValue("event.action", action);
	}

	private static LoggingEventBuilder client(LoggingEventBuilder event, ClientSession session) {
		event.addKeyValue("client.id", session.id())
			.addKeyValue("client.protocol", session.protocol().tag())
			.addKeyValue("client.address", session.remoteAddress())
			.addKeyValue("client.room", session.room());
		String nick = session.nick();
		return (nick != null) ? event.addKeyValue("client.nick", nick) : event;
	}

}
