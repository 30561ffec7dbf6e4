package io.switchboard.core;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How many private messages one client takes from all others together
 * ({@code switchboard.private-messages.*}). Each sender's own flood control does not
 * bound this: 30 strangers, each within its rate, cut a reader of 64 KB/s as a slow
 * consumer. Past the limit a sender is refused with an error and the recipient gets
 * nothing more; it is never cut for it. The byte defaults are one client's own
 * ({@code switchboard.client.byte-rate}): whoever writes, a client receives in private no
 * more than one client may send.
 *
 * @param rate private messages per second one client takes on average; 0 = unlimited
 * @param burst private messages one client takes at once above the rate
 * @param byteRate bytes of private messages per second one client takes on average; 0 =
 * unlimited
 * @param byteBurst bytes of private messages one client takes at once above the byte rate
 * (never less than {@code switchboard.max-message-bytes}, so one longest message always
 * fits)
 */
@ConfigurationProperties("switchboard.private-messages")
@Validated
public record PrivateMessageProperties(@DefaultValue("10") @Min(0) int rate, @DefaultValue("20") @Min(1) int burst,
		@DefaultValue("16KB") DataSize byteRate, @DefaultValue("64KB") DataSize byteBurst) {

	public PrivateMessageProperties {
		// DataSize has no Bean Validation constraints; name the property here.
		if (byteRate.toBytes() < 0) {
			throw new IllegalArgumentException(
					"switchboard.private-messages.byte-rate must be 0 (unlimited) or positive, was " + byteRate);
		}
		if (byteBurst.toBytes() < 1) {
			throw new IllegalArgumentException(
					"switchboard.private-messages.byte-burst must be positive, was " + byteBurst);
		}
	}

}
