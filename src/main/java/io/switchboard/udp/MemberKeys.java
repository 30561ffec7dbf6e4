package io.switchboard.udp;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.core.ClientSession;
import io.switchboard.core.LineCodec;
import io.switchboard.core.OutboundLine;
import io.switchboard.core.SwitchboardMetrics;
import org.jspecify.annotations.Nullable;

/**
 * The UDP members' keys and what members are told about them: the key line after the
 * greeting, a reminder when datagrams come without it, the new key after a replacement.
 */
final class MemberKeys {

	/** The {@code switchboard.messages.dropped} reason of a datagram without its key. */
	static final String BAD_KEY = "bad-key";

	private final Map<ClientSession, MemberKey> keys = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final LineCodec codec;

	private final SwitchboardMetrics metrics;

	private final OutboundLine missingKeyLine;

	MemberKeys(LineCodec codec, SwitchboardMetrics metrics) {
		this.codec = codec;
		this.metrics = metrics;
		// Never the key itself: this answers a datagram that may be forged.
		this.missingKeyLine = codec.reply("ERR start every datagram with your key (see the welcome line)");
	}

	/**
	 * A fresh key for a member about to join.
	 */
	MemberKey newKey() {
		return new MemberKey(this.random, this.codec.charset(), System.nanoTime());
	}

	/**
	 * The line that gives a new member its key, right after its greeting.
	 */
	OutboundLine keyLine(MemberKey key) {
		String value = key.key();
		return this.codec
			.reply("* your key is " + value + ": start every datagram with it, e.g. \"" + value + " hello\"");
	}

	/**
	 * Bind a key to the member that was admitted with it; call before reading the
	 * member's next datagram.
	 */
	void add(ClientSession member, MemberKey key) {
		this.keys.put(member, key);
	}

	/**
	 * The message behind the member's key, or null if the datagram lacked it: then it is
	 * dropped before the hub sees it (it posts, renames and quits nothing, and does not
	 * count as activity, so a forger cannot keep a gone member alive either).
	 */
	byte @Nullable [] open(ClientSession member, byte[] message, long now) {
		MemberKey key = this.keys.get(member);
		MemberKey.Check check = (key != null) ? key.check(message, now) : new MemberKey.Check(null, false, null);
		if (check.message() == null) {
			this.metrics.dropped(BAD_KEY);
			if (check.replacement() != null) {
				member.deliver(replacementLine(check.replacement()));
			}
			else if (check.warn()) {
				member.deliver(this.missingKeyLine);
			}
		}
		return check.message();
	}

	/**
	 * Forget the keys of members that are leaving, and replace burnt keys whose member
	 * has sent nothing since (so it learns its new key without losing a datagram first);
	 * run periodically.
	 */
	void sweep(long now) {
		this.keys.entrySet().removeIf((entry) -> entry.getKey().isClosing());
		this.keys.forEach((member, key) -> {
			String replacement = key.replaceIfBurnt(now);
			if (replacement != null) {
				member.deliver(replacementLine(replacement));
			}
		});
	}

	private OutboundLine replacementLine(String key) {
		return this.codec.reply("* your key is now " + key + " (datagrams with wrong keys came from your address)");
	}

}
