package io.switchboard.udp;

import java.time.Duration;

import io.switchboard.transport.DatagramSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The UDP chat listener ({@code switchboard.udp.*}).
 *
 * @param host address to bind
 * @param port port to listen on; 0 picks a free one
 * @param verifyPeers whether a new address must echo a join token before it becomes a
 * member (off only on trusted networks: a forged source address could otherwise turn the
 * server into a traffic reflector)
 * @param peerTimeout a member silent this long is dropped
 * @param socketReceiveBuffer SO_RCVBUF asked of the kernel (it may grant less)
 * @param joinRatePerIp datagrams per second from unknown addresses of one IP address that
 * are answered or checked: join challenges and {@code /join} attempts alike (bursts of
 * twice that); 0 = unlimited
 */
@ConfigurationProperties("switchboard.udp")
@Validated
public record UdpProperties(@DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9999") @Min(0) @Max(65535) int port, @DefaultValue("true") boolean verifyPeers,
		@DefaultValue("60s") Duration peerTimeout, @DefaultValue("1MB") DataSize socketReceiveBuffer,
		@DefaultValue("5") @Min(0) int joinRatePerIp) implements DatagramSettings {

	public UdpProperties {
		if (peerTimeout.isNegative() || peerTimeout.isZero()) {
			throw new IllegalArgumentException("switchboard.udp.peer-timeout must be positive, was " + peerTimeout);
		}
		if (socketReceiveBuffer.toBytes() <= 0 || socketReceiveBuffer.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"switchboard.udp.socket-receive-buffer must be positive, was " + socketReceiveBuffer);
		}
	}

}
