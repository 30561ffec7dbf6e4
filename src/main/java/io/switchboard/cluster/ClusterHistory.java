package io.switchboard.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

import io.switchboard.core.ClusterBridge;
import io.switchboard.core.Event;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * Each room's history in Redis, shared by every node: a stream
 * ({@code {prefix:ROOM}:history}, capped with {@code MAXLEN ~ size}) whose entry ids are
 * the lines' sequence numbers ({@code SEQ-0}), the room's sequence
 * ({@code {prefix:ROOM}:seq}) and its tag ({@code {prefix:ROOM}:tag}). One script appends
 * a line and publishes it with its id on the room's shard channel ({@code SPUBLISH}: the
 * keys and the channel share the room's hash tag, so on a Redis Cluster the script runs
 * on the room's master), so the stream and the channel have the same order and every node
 * knows a line by the same id. All three keys expire {@code max-age} after the room's
 * last line.
 */
final class ClusterHistory {

	private static final AsyncScripts.Script APPEND_AND_PUBLISH = AsyncScripts.Script.of("""
			local tag = redis.call('GET', KEYS[3])
			if not tag then
			  tag = ARGV[4]
			  redis.call('SET', KEYS[3], tag)
			end
			local seq = redis.call('INCR', KEYS[2])
			local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
			if #last > 0 then
			  local lastSeq = tonumber(string.match(last[1][1], '^(%d+)'))
			  if lastSeq >= seq then
			    seq = lastSeq + 1
			    redis.call('SET', KEYS[2], seq)
			  end
			end
			if ARGV[1] == '0' then
			  redis.call('XADD', KEYS[1], 'MAXLEN', 0, seq .. '-0', 'e', '')
			else
			  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], seq .. '-0', 'e', ARGV[2])
			end
			for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
			local id = tag .. '.' .. seq
			return {redis.call('SPUBLISH', KEYS[4], ARGV[3] .. id), id}""");

	private final RedisTemplate<String, byte[]> redis;

	private final AsyncScripts scripts;

	private final ClusterKeys keys;

	private final ToIntFunction<String> size;

	private final byte[] ttlMillis;

	/**
	 * @param size the lines kept of a room; with 0 a room's stream only keeps its last
	 * id, and nothing of its lines
	 */
	ClusterHistory(RedisTemplate<String, byte[]> redis, AsyncScripts scripts, ClusterKeys keys,
			ToIntFunction<String> size, long ttlMillis) {
		this.redis = redis;
		this.scripts = scripts;
		this.keys = keys;
		this.size = size;
		this.ttlMillis = ascii(Long.toString(ttlMillis));
	}

	/**
	 * Append a line to its room's stream and publish it with its id, without waiting.
	 * @return how many nodes received it, and its id
	 */
	CompletableFuture<List<Object>> appendAndPublish(String origin, String room, String excludedId, Event.Chat chat,
			String tagIfNew) {
		byte[] message = ClusterMessage.encode(new ClusterMessage.RoomChat(origin, room, excludedId, chat));
		return this.scripts.run(APPEND_AND_PUBLISH,
				List.of(ascii(this.keys.history(room)), ascii(this.keys.sequence(room)), ascii(this.keys.tag(room)),
						ascii(this.keys.roomChannel(room))),
				ascii(Integer.toString(this.size.applyAsInt(room))), entry(chat), message, ascii(tagIfNew),
				this.ttlMillis);
	}

	/**
	 * The room's last {@code limit} lines, oldest first; null if it has none.
	 */
	ClusterBridge.@Nullable StoredHistory read(String room, int limit) {
		return this.redis
			.execute((RedisCallback<ClusterBridge.StoredHistory>) (connection) -> read(connection, room, limit));
	}

	private ClusterBridge.@Nullable StoredHistory read(RedisConnection connection, String room, int limit) {
		byte[] tag = connection.stringCommands().get(ascii(this.keys.tag(room)));
		if (tag == null) {
			return null;
		}
		String tagText = new String(tag, StandardCharsets.UTF_8);
		List<ByteRecord> records = (limit <= 0) ? List.of() : connection.streamCommands()
			.xRevRange(ascii(this.keys.history(room)), Range.unbounded(), Limit.limit().count(limit));
		List<Event.Chat> lines = new ArrayList<>();
		for (ByteRecord record : (records != null) ? records.reversed() : List.<ByteRecord>of()) {
			String seq = record.getId().getValue();
			for (Map.Entry<byte[], byte[]> field : record.getValue().entrySet()) {
				Event.Chat chat = chatOf(field.getValue());
				// A stored line has no latency origin on this node: receivedNanos 0.
				lines.add(new Event.Chat(tagText + "." + seq.substring(0, seq.indexOf('-')), chat.room(), chat.from(),
						chat.text(), chat.time(), 0, chat.kind()));
			}
		}
		return new ClusterBridge.StoredHistory(tagText, lines);
	}

	private static byte[] entry(Event.Chat chat) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + chat.text().length());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			EventCodec.write(out, chat);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static Event.Chat chatOf(byte[] entry) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
			if (EventCodec.read(in) instanceof Event.Chat chat) {
				return chat;
			}
			throw new IllegalStateException("a history entry that is no chat line");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
