package io.switchboard.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.switchboard.cluster.ClusterClient;
import io.switchboard.cluster.RedisClusterBridge;
import io.switchboard.core.AuditLog;
import io.switchboard.core.Ban;
import io.switchboard.core.BansProperties;
import io.switchboard.core.ChatHub;
import io.switchboard.core.ChatProperties;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import io.switchboard.core.RemoteAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/clients}: list connected clients, show one, disconnect one, or send an
 * operator message to a room or everyone. Everything here is the admin's once a password
 * is set ({@link ActuatorSecurityConfiguration}); without one, reads are anonymous but
 * show no addresses: a UDP member's source address is what a forger needs.
 */
@Endpoint(id = "clients")
public class ClientsEndpoint {

	private final ClientRegistry registry;

	private final ChatHub hub;

	private final @Nullable RedisClusterBridge cluster;

	private final ChatProperties chat;

	private final AuditLog audit;

	private final BansProperties bans;

	public ClientsEndpoint(ClientRegistry registry, ChatHub hub, @Nullable RedisClusterBridge cluster,
			ChatProperties chat, AuditLog audit, BansProperties bans) {
		this.bans = bans;
		this.audit = audit;
		this.registry = registry;
		this.hub = hub;
		this.cluster = cluster;
		this.chat = chat;
	}

	/**
	 * This node's clients, or with {@code scope=cluster} every node's (fewer details per
	 * client, each naming its node).
	 */
	@ReadOperation
	public WebEndpointResponse<Object> clients(@Nullable String scope, SecurityContext security) {
		boolean showAddress = isAdmin(security);
		if ("cluster".equals(scope)) {
			if (this.cluster == null) {
				return new WebEndpointResponse<>(new ErrorDescriptor("scope=cluster needs switchboard.cluster.enabled"),
						WebEndpointResponse.STATUS_BAD_REQUEST);
			}
			try {
				List<ClusterClientDescriptor> clients = this.cluster.clients()
					.stream()
					.map((client) -> ClusterClientDescriptor.of(client, showAddress))
					.toList();
				return new WebEndpointResponse<>(new ClusterClientsDescriptor(clients.size(), clients));
			}
			catch (IllegalStateException ex) {
				return new WebEndpointResponse<>(new ErrorDescriptor(ex.getMessage()),
						WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
			}
		}
		if (scope != null && !scope.equals("node")) {
			return new WebEndpointResponse<>(new ErrorDescriptor("scope must be node or cluster, was " + scope),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		List<ClientDescriptor> clients = this.registry.listing()
			.stream()
			.map((session) -> ClientDescriptor.of(session, showAddress))
			.toList();
		return new WebEndpointResponse<>(new ClientsDescriptor(clients.size(), clients));
	}

	@ReadOperation
	public @Nullable ClientDescriptor client(@Selector String id, SecurityContext security) {
		ClientSession session = this.registry.find(id);
		return (session != null) ? ClientDescriptor.of(session, isAdmin(security)) : null;
	}

	/**
	 * Whether the request carried the admin's HTTP Basic credentials (the security filter
	 * chain authenticates them on anonymous reads too).
	 */
	private static boolean isAdmin(SecurityContext security) {
		return security.isUserInRole("ADMIN");
	}

	private static @Nullable String user(SecurityContext security) {
		Principal principal = security.getPrincipal();
		return (principal != null) ? principal.getName() : null;
	}

	/**
	 * Disconnect a client ({@code * disconnected by operator}), or with {@code ban} (a
	 * duration, {@code 10m}, or {@code permanent}) ban its IP address, which disconnects
	 * it and every other client from that address ({@code ERR banned: REASON ...}) and
	 * keeps them out as long. A bad duration, or a client without an IP address (a Unix
	 * socket's), is refused (400) and nothing changes. Audited with the operator's name,
	 * as is {@link #message(String, String, SecurityContext)}.
	 * @param reason the ban's, {@code disconnected by operator} if none
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> disconnect(@Selector String id, @Nullable String ban, @Nullable String reason,
			SecurityContext security) {
		String user = user(security);
		if (ban != null) {
			this.audit.operatorDisconnect(user, id, "ban " + ban);
			return disconnectAndBan(id, ban, (reason != null) ? reason : "disconnected by operator", security);
		}
		ClientSession session = this.registry.find(id);
		if (session != null) {
			this.audit.operatorDisconnect(user, id, "disconnected");
			this.hub.disconnectByOperator(session);
			return new WebEndpointResponse<>(new DisconnectDescriptor(id, true));
		}
		if (this.cluster != null) {
			try {
				if (this.cluster.disconnect(id)) {
					// another node's client: that node disconnects it
					this.audit.operatorDisconnect(user, id, "forwarded");
					return new WebEndpointResponse<>(new DisconnectDescriptor(id, true), 202);
				}
			}
			catch (IllegalStateException ex) {
				this.audit.operatorDisconnect(user, id, "cluster-unavailable");
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
			}
		}
		this.audit.operatorDisconnect(user, id, "not-found");
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private WebEndpointResponse<Object> disconnectAndBan(String id, String duration, String reason,
			SecurityContext security) {
		String ip;
		ClientSession session = this.registry.find(id);
		if (session != null) {
			ip = session.ip();
		}
		else {
			String address = null;
			try {
				address = (this.cluster != null) ? this.cluster.clients()
					.stream()
					.filter((client) -> client.id().equals(id))
					.map(ClusterClient::remoteAddress)
					.findFirst()
					.orElse(null) : null;
			}
			catch (IllegalStateException ex) {
				return new WebEndpointResponse<>(new ErrorDescriptor(ex.getMessage()),
						WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
			}
			if (address == null) {
				return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
			}
			ip = RemoteAddress.host(address);
		}
		if (ip == null) {
			return new WebEndpointResponse<>(
					new ErrorDescriptor("client " + id
							+ " has no IP address to ban; POST /actuator/bans with its nick or subject instead"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		try {
			return BansEndpoint.imposed(this.hub.bans(), Ban.ofAddress(ip, this.bans.ipv6PrefixLength(), reason,
					BansEndpoint.operator(security), duration, Instant.now()));
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(new ErrorDescriptor(ex.getMessage()),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	/**
	 * Send an operator message. In a cluster it goes to every node and {@code recipients}
	 * is null (each node counts its own in its log-free metrics). A message longer than
	 * {@code switchboard.max-message-bytes} in the wire charset is refused (400) and sent
	 * to nobody: one of 1 MiB cut every member as a slow consumer. The limit is on the
	 * text given, as for a client's message; the line sent is longer by its
	 * {@code * [operator] } prefix and by any escapes, as a chat line is by its time and
	 * sender.
	 */
	@WriteOperation
	public WebEndpointResponse<Object> message(String message, @Nullable String room, SecurityContext security) {
		int bytes = message.getBytes(this.chat.charset()).length;
		if (bytes > this.chat.maxMessageBytes()) {
			return new WebEndpointResponse<>(
					new ErrorDescriptor("message is " + bytes + " bytes in " + this.chat.charset().name()
							+ ", over switchboard.max-message-bytes (" + this.chat.maxMessageBytes() + ")"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		int recipients = this.hub.publishing().operatorMessage(message, room);
		this.audit.operatorMessage(user(security), room, bytes, (recipients >= 0) ? recipients : null);
		return new WebEndpointResponse<>(
				new MessageDescriptor(room, (recipients >= 0) ? recipients : null, recipients < 0));
	}

	/**
	 * The cluster-wide listing.
	 */
	public record ClusterClientsDescriptor(int count, List<ClusterClientDescriptor> clients) {
	}

	/**
	 * One client of the cluster-wide listing.
	 */
	public record ClusterClientDescriptor(String id, String node, String protocol, @Nullable String remoteAddress,
			@Nullable String nick, String room, Instant connectedAt) {

		static ClusterClientDescriptor of(ClusterClient client, boolean showAddress) {
			return new ClusterClientDescriptor(client.id(), client.node(), client.protocol(),
					showAddress ? client.remoteAddress() : null, client.nick().isEmpty() ? null : client.nick(),
					client.room(), client.connectedAt());
		}

	}

	/**
	 * Why a request was refused.
	 */
	public record ErrorDescriptor(@Nullable String error) {
	}

	/**
	 * The listing.
	 */
	public record ClientsDescriptor(int count, List<ClientDescriptor> clients) {
	}

	/**
	 * The result of a DELETE.
	 */
	public record DisconnectDescriptor(String id, boolean disconnected) {
	}

	/**
	 * The result of an operator message: the room (null = all), how many clients of this
	 * node it was queued for (null when it went through the cluster), and whether it went
	 * to every node.
	 */
	public record MessageDescriptor(@Nullable String room, @Nullable Integer recipients, boolean cluster) {
	}

}
