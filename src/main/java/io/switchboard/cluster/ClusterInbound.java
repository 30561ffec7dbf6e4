package io.switchboard.cluster;

import io.switchboard.core.ChatHub;
import io.switchboard.core.ClientRegistry;
import io.switchboard.core.ClientSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Handles what arrives on this node's channels, in the order received, on the inbound
 * thread: nothing here blocks (deliveries only queue into outboxes).
 */
final class ClusterInbound {

	private static final Log logger = LogFactory.getLog(ClusterInbound.class);

	private final RedisClusterBridge bridge;

	private final ChatHub hub;

	private final ClientRegistry registry;

	ClusterInbound(RedisClusterBridge bridge, ChatHub hub, ClientRegistry registry) {
		this.bridge = bridge;
		this.hub = hub;
		this.registry = registry;
	}

	void handle(byte[] payload) {
		ClusterMessage message;
		try {
			message = ClusterMessage.decode(payload);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Ignored a message from the cluster: " + ex.getMessage());
			return;
		}
		switch (message) {
			case ClusterMessage.Heartbeat heartbeat -> {
				if (heartbeat.origin().equals(this.bridge.node())) {
					this.bridge.echoed(heartbeat);
				}
			}
			case ClusterMessage.RoomEvent room -> {
				this.bridge.received();
				// A chat line's latency is measured from its arrival here on every node
				// (EventCodec): the publisher's clock means nothing elsewhere.
				this.hub.deliverRelayed(room.room(), room.excludedId().isEmpty() ? null : room.excludedId(),
						room.event());
			}
			case ClusterMessage.RoomChat chat -> {
				this.bridge.received();
				this.hub.deliverRelayed(chat.room(), chat.excludedId().isEmpty() ? null : chat.excludedId(),
						chat.chat());
			}
			case ClusterMessage.OperatorEvent operator -> {
				this.bridge.received();
				this.hub.publishing()
					.deliverOperatorMessage(operator.event(), operator.room().isEmpty() ? null : operator.room());
			}
			case ClusterMessage.PrivateEvent direct -> {
				this.bridge.received();
				this.hub.deliverPrivate(direct.clientId(), direct.event());
			}
			case ClusterMessage.BanImposed imposed -> {
				this.bridge.received();
				if (!imposed.origin().equals(this.bridge.node())) {
					this.hub.bans().apply(imposed.ban()); // the origin applied it already
				}
			}
			case ClusterMessage.BanLifted lifted -> {
				this.bridge.received();
				this.hub.bans().forget(lifted.id());
			}
			case ClusterMessage.Disconnect disconnect -> {
				this.bridge.received();
				ClientSession session = this.registry.find(disconnect.clientId());
				if (session != null) {
					this.hub.disconnectByOperator(session);
				}
			}
		}
	}

}
