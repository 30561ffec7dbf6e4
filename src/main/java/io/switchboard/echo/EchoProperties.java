package io.switchboard.echo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The echo service ({@code switchboard.echo.*}), TCP and UDP on one port number.
 *
 * @param enabled whether to run the echo service (TCP, and UDP if {@code udpEnabled})
 * @param host address to bind
 * @param port port for both TCP and UDP; 0 picks free ones
 * @param udpEnabled whether to echo UDP too; off by default, because a UDP echo answers
 * whatever source address a datagram claims (a reflector, and a loop with another echo)
 * @param udpByteRate bytes per second the UDP echo sends to one IP address, in bursts of
 * up to twice that; a datagram larger than the burst is never echoed
 */
@ConfigurationProperties("switchboard.echo")
@Validated
public record EchoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9007") @Min(0) @Max(65535) int port, @DefaultValue("false") boolean udpEnabled,
		@DefaultValue("8KB") DataSize udpByteRate) {

	public EchoProperties {
		// DataSize has no Bean Validation constraints; name the property here.
		if (udpByteRate.toBytes() <= 0 || udpByteRate.toBytes() > Integer.MAX_VALUE / 2) {
			throw new IllegalArgumentException(
					"switchboard.echo.udp-byte-rate must be positive and below 1GB, was " + udpByteRate);
		}
	}

}
