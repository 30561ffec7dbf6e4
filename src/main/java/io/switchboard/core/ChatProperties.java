package io.switchboard.core;

import java.nio.charset.Charset;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the chat behaves ({@code switchboard.*}).
 *
 * @param charset wire charset for decoding and encoding text
 * @param maxMessageBytes longest message (line without its LF, or datagram)
 * @param greeting line sent on connect or join, empty for none; {@code {from}} and
 * {@code {room}} are replaced
 * @param echoToSender whether a sender receives its own broadcasts
 * @param format chat line format with {@code {time}}, {@code {from}}, {@code {text}},
 * {@code {room}}
 * @param privateFormat private message line format with {@code {time}}, {@code {from}},
 * {@code {to}}, {@code {text}}
 * @param zone time zone of {@code {time}}; empty means the system zone
 * @param defaultRoom the room every client starts in
 * @param announcePresence whether room members see joins and leaves
 * @param anonymousNames what clients without a nick are called: {@code address}
 * ({@code ip:port} on the line doors, as the seeds do) or {@code guest}
 * ({@code guest-17}); see {@link AnonymousNames}
 * @param maxClients TCP and UDP clients together
 * @param maxClientsPerIp clients from one IP address; 0 = unlimited
 * @param maxClientsPerIpv4Prefix clients from one IPv4 /24; 0 = unlimited
 * @param maxClientsPerIpv6Prefix clients from one IPv6 /64 (usually one host); 0 =
 * unlimited
 * @param acceptRatePerIp new clients per second from one IP address (bursts of twice
 * that); 0 = unlimited
 * @param maxListEntries most entries a {@code /rooms} or {@code /who} reply lists; the
 * rest are counted ({@code … and K more}), so a 7-byte command cannot ask for a reply
 * that overflows the caller's outbox
 */
@ConfigurationProperties("switchboard")
@Validated
public record ChatProperties(@DefaultValue("UTF-8") @NotNull Charset charset,
		@DefaultValue("8192") @Min(1) @Max(65_000) int maxMessageBytes,
		@DefaultValue("* welcome to switchboard, you are {from} in room {room}; /help for commands") String greeting,
		@DefaultValue("true") boolean echoToSender, @DefaultValue("[{time}] {from} {text}") String format,
		@DefaultValue("") String zone,
		@DefaultValue("lobby") @Pattern(regexp = ChatCommands.NAME_PATTERN,
				message = "must be 1-32 of A-Z a-z 0-9 _ . -") String defaultRoom,
		@DefaultValue("false") boolean announcePresence, @DefaultValue("10000") @Min(1) int maxClients,
		@DefaultValue("64") @Min(0) int maxClientsPerIp, @DefaultValue("20") @Min(0) int acceptRatePerIp,
		@DefaultValue("256") @Min(0) int maxClientsPerIpv4Prefix,
		@DefaultValue("64") @Min(0) int maxClientsPerIpv6Prefix, @DefaultValue("100") @Min(1) int maxListEntries,
		@DefaultValue("[{time}] {from} -> {to}: {text}") String privateFormat,
		@DefaultValue("address") @NotNull AnonymousNames anonymousNames) {

	public ChatProperties {
		defaultRoom = RoomNames.canonical(defaultRoom);
		if (!zone.isEmpty()) {
			try {
				ZoneId.of(zone);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(
						"switchboard.zone is not a time zone: " + zone + " (" + ex.getMessage() + ")");
			}
		}
	}

	/**
	 * The zone of {@code {time}}.
	 */
	public ZoneId zoneId() {
		return this.zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(this.zone);
	}

}
