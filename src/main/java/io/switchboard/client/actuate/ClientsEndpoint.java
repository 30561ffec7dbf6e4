package io.switchboard.client.actuate;

import java.util.List;

import io.switchboard.client.ClientRegistry;
import io.switchboard.client.ClientSession;
import io.switchboard.hub.ChatHub;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/clients}: list connected clients, show one, disconnect one, or send an
 * operator message to a room or everyone.
 */
@Endpoint(id = "clients")
public class ClientsEndpoint {

	private final ClientRegistry registry;

	private final ChatHub hub;

	public ClientsEndpoint(ClientRegistry registry, ChatHub hub) {
		this.registry = registry;
		this.hub = hub;
	}

	@ReadOperation
	public ClientsDescriptor clients() {
		List<ClientDescriptor> clients = this.registry.listing().stream().map(ClientDescriptor::of).toList();
		return new ClientsDescriptor(clients.size(), clients);
	}

	@ReadOperation
	public @Nullable ClientDescriptor client(@Selector String id) {
		ClientSession session = this.registry.find(id);
		return (session != null) ? ClientDescriptor.of(session) : null;
	}

	@DeleteOperation
	public WebEndpointResponse<DisconnectDescriptor> disconnect(@Selector String id) {
		ClientSession session = this.registry.find(id);
		if (session == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		this.hub.disconnectByOperator(session);
		return new WebEndpointResponse<>(new DisconnectDescriptor(id, true));
	}

	@WriteOperation
	public MessageDescriptor message(String message, @Nullable String room) {
		return new MessageDescriptor(room, this.hub.operatorMessage(message, room));
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
	 * The result of an operator message: the room (null = all) and how many clients it
	 * was queued for.
	 */
	public record MessageDescriptor(@Nullable String room, int recipients) {
	}

}
