package io.switchboard.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lua scripts run on Redis without waiting for their answers: the per-line path. One
 * Lettuce connection of the connection factory's own client (standalone, Sentinel or
 * Cluster; on a Cluster, one per master, chosen by the keys' slot) carries them in the
 * order they are handed over, so a room's lines reach Redis in the order the hub sent
 * them, and no thread waits per line.
 */
final class AsyncScripts {

	private final LettuceConnectionFactory factory;

	private final Object lock = new Object();

	private volatile @Nullable StatefulConnection<byte[], byte[]> connection;

	private volatile @Nullable RedisScriptingAsyncCommands<byte[], byte[]> commands;

	AsyncScripts(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/**
	 * Run a script returning a list (by its digest, and by its text if Redis does not
	 * know it yet: after a restart or a failover).
	 * @throws IllegalStateException if not {@linkplain #connect() connected} yet
	 */
	CompletableFuture<List<Object>> run(Script script, List<byte[]> keys, byte[]... args) {
		RedisScriptingAsyncCommands<byte[], byte[]> redis = commands();
		byte[][] keyArray = keys.toArray(byte[][]::new);
		CompletableFuture<List<Object>> bySha = redis
			.<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keyArray, args)
			.toCompletableFuture();
		return bySha.exceptionallyCompose((failure) -> (unwrap(failure) instanceof RedisNoScriptException)
				? redis.<List<Object>>eval(script.text(), ScriptOutputType.MULTI, keyArray, args).toCompletableFuture()
				: CompletableFuture.failedFuture(failure));
	}

	void close() {
		StatefulConnection<byte[], byte[]> open = this.connection;
		this.connection = null;
		this.commands = null;
		if (open != null) {
			open.closeAsync();
		}
	}

	/**
	 * Connect, if not connected yet (on the link's thread: never on the per-line path,
	 * which may run on an event loop).
	 * @throws RuntimeException if Redis is unreachable
	 */
	void connect() {
		synchronized (this.lock) {
			if (this.commands == null) {
				AbstractRedisClient client = this.factory.getRequiredNativeClient();
				if (client instanceof RedisClusterClient cluster) {
					StatefulRedisClusterConnection<byte[], byte[]> clustered = cluster.connect(ByteArrayCodec.INSTANCE);
					this.connection = clustered;
					this.commands = clustered.async();
				}
				else {
					StatefulRedisConnection<byte[], byte[]> single = ((RedisClient) client)
						.connect(ByteArrayCodec.INSTANCE);
					this.connection = single;
					this.commands = single.async();
				}
			}
		}
	}

	private RedisScriptingAsyncCommands<byte[], byte[]> commands() {
		RedisScriptingAsyncCommands<byte[], byte[]> ready = this.commands;
		if (ready == null) {
			throw new IllegalStateException("not connected to Redis yet");
		}
		return ready;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * A script's text and its SHA-1 digest.
	 */
	record Script(String text, String sha) {

		static Script of(String text) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
				return new Script(text, HexFormat.of().formatHex(digest));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
