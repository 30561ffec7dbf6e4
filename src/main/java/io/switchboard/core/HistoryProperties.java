package io.switchboard.core;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Room history ({@code switchboard.history.*}): what each room keeps of its chat lines
 * for {@code /history}, replay on join and catch-up after a reconnect. Private messages
 * are never kept.
 *
 * @param size the last lines kept per room; 0 turns history off
 * @param maxAge lines older than this are forgotten
 * @param maxBytes all rooms' history together (estimated heap bytes); when it is full the
 * oldest lines of any room go first
 * @param onJoin lines replayed to a client when it joins a room (at most {@code size})
 */
@ConfigurationProperties("switchboard.history")
@Validated
public record HistoryProperties(@DefaultValue("200") @Min(0) @Max(10_000) int size,
		@DefaultValue("24h") Duration maxAge, @DefaultValue("64MB") DataSize maxBytes,
		@DefaultValue("0") @Min(0) int onJoin) {

	public HistoryProperties {
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("switchboard.history.max-age must be positive: " + maxAge);
		}
		if (onJoin > size) {
			throw new IllegalArgumentException("switchboard.history.on-join (" + onJoin
					+ ") cannot exceed switchboard.history.size (" + size + ")");
		}
	}

	public boolean enabled() {
		return this.size > 0 && this.maxBytes.toBytes() > 0;
	}

}
