package io.switchboard.core;

/**
 * What a client without a nick is called ({@code switchboard.anonymous-names}).
 * <p>
 * {@code address}, the default, is the seeds' contract on the line doors: a TCP or Unix
 * client is {@code ip:port}; a UDP member, whose source address could be forged, is its
 * id ({@code udp-3}); the page (WebSocket) shows guest names all the same, as an address
 * tells a browser's people nothing. {@code guest} names every door's anonymous clients
 * {@code guest-N} (the chart's default). On a server that asks for tokens, addresses are
 * never shown: a client signs in to take its token's nick, and announcing
 * {@code 127.0.0.1:50380 is now known as shorty} would tie a person to an address.
 * <p>
 * {@code N} is the number of the client's id ({@code tcp-4821} is {@code guest-4821}), so
 * a guest name is unique on its node; nodes of a cluster may each have a
 * {@code guest-4821}, and no client may take such a name as its nick
 * ({@link Nicks#isReserved}).
 */
public enum AnonymousNames {

	/** Addresses on the line doors, ids for UDP, guest names on the page. */
	ADDRESS,

	/** Guest names on every door. */
	GUEST;

	static final String GUEST_PREFIX = "guest-";

	/**
	 * The name a new client goes by until it takes a nick.
	 * @param number the number of its id
	 * @param addressesHidden whether the server hides addresses (it asks for tokens)
	 */
	String nameFor(Protocol protocol, String remoteAddress, String id, long number, boolean addressesHidden) {
		if (this == ADDRESS && !addressesHidden && !protocol.guestNamed()) {
			return protocol.showsAddress() ? remoteAddress : id;
		}
		return GUEST_PREFIX + number;
	}

}
